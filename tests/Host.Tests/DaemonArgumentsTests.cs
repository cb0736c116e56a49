namespace Ragex.Host.Tests;

/// <summary>ragexd's flags: none for the single daemon; cluster flags checked with one clear line for bad input.</summary>
public sealed class DaemonArgumentsTests
{
    [Fact]
    public void No_flags_is_the_single_machine_daemon()
    {
        var (arguments, error) = DaemonArguments.Parse([]);

        Assert.Null(error);
        Assert.False(arguments!.Cluster);
    }

    [Fact]
    public void Cluster_flags_are_read()
    {
        var (arguments, _) = DaemonArguments.Parse(["--cluster", "--seed", "10.0.0.1:4053", "--seed", "host.local:4054", "--role", "embedder", "--port", "0"]);

        Assert.Equal(new[] { "10.0.0.1:4053", "host.local:4054" }, arguments!.Seeds);
        Assert.Equal(new[] { "embedder" }, arguments.Roles);
        Assert.Equal(0, arguments.Port);
    }

    [Theory]
    [InlineData("--seed 'localhost': expected HOST:PORT, e.g. 127.0.0.1:4053", "--cluster", "--seed", "localhost")]
    [InlineData("--seed 'h:99999': expected HOST:PORT, e.g. 127.0.0.1:4053", "--cluster", "--seed", "h:99999")]
    [InlineData("--seed ':4053': expected HOST:PORT, e.g. 127.0.0.1:4053", "--cluster", "--seed", ":4053")]
    [InlineData("--role 'searcher': expected indexer or embedder", "--cluster", "--role", "searcher")]
    [InlineData("--port 'x': expected a number from 0 to 65535", "--cluster", "--port", "x")]
    [InlineData("--seed needs a value", "--cluster", "--seed")]
    [InlineData("--seed, --role, --host and --port need --cluster", "--seed", "127.0.0.1:4053")]
    public void Bad_input_is_one_line(string expected, params string[] args)
    {
        var (arguments, error) = DaemonArguments.Parse(args);

        Assert.Null(arguments);
        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task The_daemon_refuses_a_malformed_seed_on_stderr_with_exit_code_2()
    {
        var home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
        using var daemon = DaemonProcess.Launch(home, "--cluster", "--seed", "127.0.0.1");
        await daemon.WaitForExitAsync();

        Assert.Equal(2, daemon.ExitCode);
        Assert.Equal("ragexd: --seed '127.0.0.1': expected HOST:PORT, e.g. 127.0.0.1:4053\n", await daemon.StandardError.ReadToEndAsync());
        Directory.Delete(home, recursive: true);
    }
}
