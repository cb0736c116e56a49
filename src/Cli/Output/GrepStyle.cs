namespace Ragex.Cli.Output;

/// <summary>
/// How <see cref="GrepFormatter"/> prints, as ripgrep's flags say: colour, a heading per file (<c>--heading</c>) or the
/// path on every line (<c>--no-heading</c>), line and column numbers or not (<c>-n</c>/<c>-N</c>).
/// </summary>
public sealed record GrepStyle(bool Color, bool Heading = false, bool LineNumbers = true);
