using Ragex.Core.Chunking;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Chunking;

public sealed class DefinitionExtentsTests
{
    private static SymbolRecord Tag(string name, string kind, int line, int? end = null, string? scope = null) =>
        new(name, kind, line, end, null, scope, scope is null ? null : "class", null, name);

    private static string[] Lines(string code) => Chunker.Lines(code);

    [Fact]
    public void A_php_method_with_its_brace_on_the_next_line_runs_to_its_closing_brace()
    {
        var lines = Lines("""
            class Logger
            {
                public function pushHandler(HandlerInterface $handler): self
                {
                    array_unshift($this->handlers, $handler);

                    return $this;
                }

                public function popHandler(): HandlerInterface
                {
                    return array_shift($this->handlers);
                }
            }
            """);

        var symbols = DefinitionExtents.Infer([Tag("Logger", "class", 1), Tag("pushHandler", "function", 3, scope: "Logger"), Tag("popHandler", "function", 10, scope: "Logger")], lines);

        Assert.Equal(14, symbols[0].EndLine);
        Assert.Equal(8, symbols[1].EndLine);
        Assert.Equal(13, symbols[2].EndLine);
    }

    [Fact]
    public void A_kotlin_function_with_parameters_on_their_own_lines_keeps_its_body()
    {
        var lines = Lines("""
            fun join(
                other: ColumnSet,
                joinType: JoinType,
            ): Join {
                return Join(this, other, joinType)
            }

            fun innerJoin(other: ColumnSet): Join = join(other, JoinType.INNER)
            val table = "t"
            """);

        var symbols = DefinitionExtents.Infer([Tag("join", "method", 1), Tag("innerJoin", "method", 8), Tag("table", "constant", 9)], lines);

        Assert.Equal(6, symbols[0].EndLine);
        Assert.Equal(8, symbols[1].EndLine);
        Assert.Null(symbols[2].EndLine);
    }

    [Fact]
    public void Typescript_type_parameters_on_their_own_lines_do_not_end_an_interface()
    {
        var lines = Lines("""
            export interface ZodObject<
              out Shape = {},
            > extends ZodType<Shape>,
                Other<Shape> {
              shape: Shape;
            }
            """);

        var symbols = DefinitionExtents.Infer([Tag("ZodObject", "interface", 1)], lines);

        Assert.Equal(6, symbols[0].EndLine);
    }

    [Fact]
    public void Blocks_closed_by_a_keyword_end_on_that_keyword()
    {
        var lines = Lines("""
            local function setup(opts)
              if opts then
                M.opts = opts
              end
            end

            function M.load() end
            """);

        var symbols = DefinitionExtents.Infer([Tag("setup", "function", 1), Tag("M.load", "function", 7)], lines);

        Assert.Equal(5, symbols[0].EndLine);
        Assert.Equal(7, symbols[1].EndLine);
    }

    [Fact]
    public void A_ctags_end_on_the_next_definitions_first_line_is_replaced_and_wrong_scopes_follow()
    {
        var lines = Lines("""
            defmodule Plug.Conn do
              defmodule NotSentError do
                defexception message: "a response was neither set nor sent"
              end

              def assign(conn, key, value) do
                put_in(conn.assigns[key], value)
              end
            end
            """);

        var symbols = DefinitionExtents.Infer(
            [Tag("Conn", "module", 1, end: 2), Tag("NotSentError", "module", 2, end: 9, scope: "Conn"), Tag("assign", "function", 6, scope: "NotSentError")], lines);

        Assert.Equal(9, symbols[0].EndLine);
        Assert.Equal(4, symbols[1].EndLine);
        Assert.Equal(8, symbols[2].EndLine);
        Assert.Equal("Conn", symbols[2].Scope);
    }

    [Fact]
    public void Trusted_ctags_extents_are_kept()
    {
        var lines = Lines("""
            def helper(x):
                return x + 1


            def other():
                pass
            """);

        var symbols = DefinitionExtents.Infer([Tag("helper", "function", 1, end: 2), Tag("other", "function", 5, end: 6)], lines);

        Assert.Equal(2, symbols[0].EndLine);
        Assert.Equal(6, symbols[1].EndLine);
    }
}
