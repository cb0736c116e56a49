namespace Ragex.Cli.Tests;

/// <summary>The staleness rule process tests apply to artifacts/ragex/ragex (scripts/setup's rule for republishing).</summary>
public sealed class PublishedRagexTests : IDisposable
{
    private static readonly DateTime Published = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string repository = Directory.CreateTempSubdirectory("ragex-repo-").FullName;
    private readonly string binary;

    public PublishedRagexTests()
    {
        binary = Write("artifacts/ragex/ragex", Published);
        Write("src/Cli/Program.cs", Published.AddHours(-1));
        Write("hocon/ragex.hocon", Published.AddHours(-1));
        Write("Directory.Build.props", Published.AddHours(-1));
    }

    [Fact]
    public void A_binary_newer_than_every_source_is_current() => Assert.Null(PublishedRagex.StaleSource(binary, repository));

    [Theory]
    [InlineData("src/Cli/Program.cs")]
    [InlineData("src/Core/Search/New.cs")]
    [InlineData("src/Cli/Ragex.Cli.csproj")]
    [InlineData("hocon/ragex.hocon")]
    [InlineData("Directory.Packages.props")]
    public void A_source_written_after_the_binary_makes_it_stale(string source)
    {
        Write(source, Published.AddMinutes(1));
        Assert.Equal(Path.Combine(repository, source), PublishedRagex.StaleSource(binary, repository));
    }

    [Theory]
    [InlineData("src/Cli/obj/Release/net10.0/Ragex.Cli.AssemblyInfo.cs")]
    [InlineData("src/Cli/bin/Release/net10.0/Ragex.Cli.deps.json")]
    [InlineData("src/Cli/README.md")]
    [InlineData("tests/Cli.Tests/New.cs")]
    public void Build_output_and_other_files_do_not(string file)
    {
        Write(file, Published.AddMinutes(1));
        Assert.Null(PublishedRagex.StaleSource(binary, repository));
    }

    public void Dispose() => Directory.Delete(repository, recursive: true);

    private string Write(string relative, DateTime written)
    {
        var path = Path.Combine(repository, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, written);
        return path;
    }
}
