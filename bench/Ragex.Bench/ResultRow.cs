namespace Ragex.Bench;

/// <summary>
/// One line of the report. <see cref="Ratio"/> is the distribution of per-run ratios value/baseline taken pair by pair
/// in the same run (not the ratio of medians). <see cref="GoalOn"/> says which number the goal applies to.
/// </summary>
public sealed record ResultRow(string Case, string Measure, string Corpus, string Unit, Distribution Value)
{
    public Distribution? Baseline { get; init; }

    public string? BaselineName { get; init; }

    public Distribution? Ratio { get; init; }

    public string Goal { get; init; } = "";

    public GoalOn GoalOn { get; init; } = GoalOn.None;

    public double? GoalLimit { get; init; }

    public string? Note { get; init; }

    /// <summary>False when ours and the baseline answered differently (hit sets): then the goal is not met whatever the time.</summary>
    public bool ResultsAgree { get; init; } = true;

    /// <summary>Measured number over goal, for goals of the form "at most" (below 1 is met); null without a goal.</summary>
    public double? GoalShare => (GoalOn, GoalLimit) switch
    {
        (GoalOn.ValueMedianAtMost, { } l) => Value.Median / l,
        (GoalOn.ValueP95AtMost, { } l) => Value.P95 / l,
        (GoalOn.ValueMaxAtMost, { } l) => Value.Max / l,
        (GoalOn.RatioMedianAtMost, { } l) when Ratio is not null => Ratio.Median / l,
        (GoalOn.ValueMedianAtLeast, { } l) => l / Value.Median,
        _ => null,
    };

    public bool? Met => GoalShare is { } share && !double.IsNaN(share) ? share <= 1 && ResultsAgree : null;
}

public enum GoalOn
{
    None,
    ValueMedianAtMost,
    ValueP95AtMost,
    ValueMaxAtMost,
    ValueMedianAtLeast,
    RatioMedianAtMost,
}
