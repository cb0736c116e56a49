using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

/// <summary>The kebab-case name of a <see cref="SkipReason"/> in output: <c>TooLarge</c> is "too-large".</summary>
public static class SkipReasonNames
{
    public static string Of(SkipReason reason) => string.Concat(reason.ToString().Select((c, i) =>
        char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
