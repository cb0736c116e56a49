using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ragex.Bench;

/// <summary>Writes the rows as bench/results/NAME.json and a markdown table, NAME.md (NAME: latest, or cli for --cli).</summary>
public static class Report
{
    public static void Write(BenchContext context, string directory, DateTimeOffset started, TimeSpan elapsed)
    {
        Directory.CreateDirectory(directory);
        var machine = new
        {
            cores = Environment.ProcessorCount,
            os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            dotnet = Environment.Version.ToString(),
            load_average_at_end = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
        var json = new
        {
            started = started.ToString("O", CultureInfo.InvariantCulture),
            elapsed_seconds = Math.Round(elapsed.TotalSeconds, 1),
            quick = context.Options.Quick,
            machine,
            corpora = context.Corpora,
            rows = context.Rows.Select(r => new
            {
                @case = r.Case,
                measure = r.Measure,
                corpus = r.Corpus,
                unit = r.Unit,
                value = Numbers(r.Value),
                baseline_name = r.BaselineName,
                baseline = r.Baseline is null ? null : Numbers(r.Baseline),
                ratio = r.Ratio is null ? null : Numbers(r.Ratio),
                goal = r.Goal,
                goal_share = r.GoalShare is { } s ? Math.Round(s, 3) : (double?)null,
                met = r.Met,
                note = r.Note,
            }),
            extra = context.Extra,
        };
        var name = context.Options.ReportName;
        File.WriteAllText(Path.Combine(directory, name + ".json"), JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }) + "\n");
        File.WriteAllText(Path.Combine(directory, name + ".md"), Markdown(context, started, elapsed, machine.load_average_at_end));
    }

    private static object Numbers(Distribution d) => new
    {
        median = Round(d.Median),
        p95 = Round(d.P95),
        min = Round(d.Min),
        max = Round(d.Max),
        n = d.Count,
    };

    private static double? Round(double value) => double.IsNaN(value) ? null : Math.Round(value, 3);

    private static string Markdown(BenchContext context, DateTimeOffset started, TimeSpan elapsed, string? load)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Ragex benchmarks ({(context.Options.Quick ? "quick" : "full")} run, {started:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:0.0} min)");
        text.AppendLine();
        var intro = string.Create(CultureInfo.InvariantCulture, $"Written by `scripts/bench{(context.Options.ClientOnly ? " --cli" : context.Options.Quick ? " --quick" : "")}`. Machine: {Environment.ProcessorCount} cores, load average at the end {load}. ");
        text.AppendLine(intro
            + "**Numbers are noisy**: the machine has 2 cores and other engineers build and test on it at the same time; compare "
            + "ratios (taken pair by pair, ours then the baseline, in the same run) rather than absolute times, and only "
            + "between runs of the same mode. Times are wall clock of a new process per command unless the measure says "
            + "\"in daemon\". Cells are median (min–max) over n runs.");
        text.AppendLine();
        text.AppendLine("| case | measure | corpus | ragex | baseline | ratio | goal | met | notes |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in context.Rows)
        {
            var baseline = row.Baseline is null ? "" : $"{Cell(row.Baseline, row.Unit)} ({row.BaselineName})";
            var ratio = row.Ratio is null ? "" : $"{row.Ratio.Median:0.00}x ({row.Ratio.Min:0.00}–{row.Ratio.Max:0.00})";
            var met = row.Met switch { true => "yes", false => "**no**", null => "" };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Case} | {Escape(row.Measure)} | {row.Corpus} | {Cell(row.Value, row.Unit)} | {Escape(baseline)} | {ratio} | {Escape(row.Goal)} | {met} | {Escape(row.Note ?? "")} |");
        }

        text.AppendLine();
        foreach (var (key, value) in context.Extra.Where(e => e.Value is string))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {key}: {value}");
        }

        return text.ToString();
    }

    private static string Cell(Distribution d, string unit) =>
        d.Count <= 1 ? $"{Format(d.Median)} {unit}".Trim() : $"{Format(d.Median)} ({Format(d.Min)}–{Format(d.Max)}) {unit}, n={d.Count}".Trim();

    private static string Format(double value) =>
        double.IsNaN(value) ? "–" : Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1 ? value.ToString("0.0#", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
