using Ragex.Core.Chunking;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Chunking;

public sealed class LeadingLinesTests
{
    [Fact]
    public void A_doc_block_and_annotations_above_a_definition_belong_to_it()
    {
        var lines = Chunker.Lines("""
            <?php

            /**
             * Adds a log record.
             */
            #[Override]
            public function addRecord(): bool
            """);

        Assert.Equal(3, LeadingLines.Start(lines, 7));
    }

    [Fact]
    public void A_blank_line_or_code_ends_the_leading_lines()
    {
        var lines = Chunker.Lines("""
            // unrelated
            x = 1
            # about f

            @decorator
            def f():
            """);

        Assert.Equal(5, LeadingLines.Start(lines, 6));
        Assert.Equal(3, LeadingLines.Start(lines, 3));
    }

    [Fact]
    public void An_elixir_doc_heredoc_belongs_to_the_function_after_it()
    {
        var lines = Chunker.Lines(""""
              end

              @doc """
              Assigns a value to a key in the connection.

              ## Examples
              """
              @spec assign(t, atom, term) :: t
              def assign(conn, key, value) do
            """");

        Assert.Equal(3, LeadingLines.Start(lines, 9));
    }

    [Fact]
    public void Preprocessor_lines_are_not_comments()
    {
        var lines = Chunker.Lines("""
            #include <uv.h>
            int uv_run(uv_loop_t* loop) {
            """);

        Assert.Equal(2, LeadingLines.Start(lines, 2));
    }

    [Fact]
    public void The_chunker_gives_a_definition_its_doc_comment()
    {
        const string code = """
            /** Sends the response. */
            function send(body) {
              return body;
            }
            """;

        var chunks = new Chunker(new ChunkerOptions()).Chunk("lib/response.js", code, [new SymbolRecord("send", "function", 2, 4, null, null, null, "JavaScript", "function send(body) {")]);

        var send = Assert.Single(chunks);
        Assert.Equal(1, send.StartLine);
        Assert.Contains("Sends the response.", send.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_nested_definition_stays_in_its_container()
    {
        const string code = """
            interface Shape {
              area(): number;
              name(): string;
            }
            """;
        SymbolRecord[] symbols =
        [
            new("Shape", "interface", 1, 4, null, null, null, "TypeScript", "interface Shape {"),
            new("area", "method", 2, 2, null, "Shape", "interface", "TypeScript", "area(): number;"),
        ];

        var chunks = new Chunker(new ChunkerOptions()).Chunk("shape.ts", code, symbols);

        var shape = Assert.Single(chunks);
        Assert.Contains("area(): number;", shape.Text, StringComparison.Ordinal);
    }
}
