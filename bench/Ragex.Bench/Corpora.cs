namespace Ragex.Bench;

/// <summary>
/// The trees the cases run on, under the cache directory: a copy of Debian's /usr/lib/python3.11, a subset of it
/// (json/, email/, http/) for embedding in quick mode, a generated 20k-file tree, and the kernel when unpacked.
/// Prepared once; a later run reuses them.
/// </summary>
public sealed record Corpora(string Stdlib, string Subset, string Generated, string? Kernel)
{
    public const string StdlibSource = "/usr/lib/python3.11";
    private static readonly string[] SubsetPackages = ["json", "email", "http"];

    public static Corpora Prepare(string cache, bool includeKernel)
    {
        var stdlib = Path.Combine(cache, "python3.11");
        var subset = Path.Combine(cache, "python3.11-subset");
        var generated = Path.Combine(cache, "generated");
        CopyOnce(StdlibSource, stdlib);
        foreach (var package in SubsetPackages)
        {
            CopyOnce(Path.Combine(StdlibSource, package), Path.Combine(subset, package));
        }

        GenerateOnce(generated, 20_000);
        var kernel = Path.Combine(cache, "linux", "linux-source-6.1");
        return new Corpora(stdlib, subset, generated, includeKernel && Directory.Exists(kernel) ? kernel : null);
    }

    private static void CopyOnce(string source, string destination)
    {
        var done = destination + ".done";
        if (File.Exists(done))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        File.WriteAllText(done, "");
    }

    private static void GenerateOnce(string root, int files)
    {
        var done = root + ".done";
        if (File.Exists(done))
        {
            return;
        }

        for (var i = 0; i < files; i++)
        {
            var directory = Path.Combine(root, $"pkg{i / 500:000}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"module{i:00000}.py"),
                $"def handler_{i}(request):\n    '''Handle request number {i} and return its {(i % 2 == 0 ? "status" : "payload")}.'''\n    return request.get({i})\n");
        }

        File.WriteAllText(done, "");
    }
}
