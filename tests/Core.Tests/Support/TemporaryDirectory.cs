namespace Ragex.Core.Tests.Support;

/// <summary>A fresh directory under /tmp, deleted with the test; files are written with '/' paths relative to it.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("ragex-test-").FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string content = "x\n")
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed half-way may still hold a file open; /tmp is cleaned eventually anyway.
        }
    }
}
