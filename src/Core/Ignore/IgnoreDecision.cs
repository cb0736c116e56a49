namespace Ragex.Core.Ignore;

/// <summary>What one set of rules says about a path: nothing, ignore it, or explicitly keep it (a '!' rule).</summary>
public enum IgnoreDecision
{
    None,
    Ignore,
    Whitelist,
}
