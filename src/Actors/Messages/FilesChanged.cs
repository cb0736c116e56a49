namespace Ragex.Actors.Messages;

/// <summary>
/// Paths of a project that changed, coalesced over a debounce window: relative to the root, '/' separators, distinct,
/// sorted ordinal. A path may no longer exist (deleted, or the old name of a rename) or may name a directory (created,
/// renamed, deleted, or one whose ignore file changed): reconcile everything under it. <paramref name="RescanRequired"/>
/// means events were lost (watcher overflow or failure) or the root's ignore files changed, so the whole tree must be
/// reconciled; the path list is then empty.
/// </summary>
public sealed record FilesChanged(string ProjectId, IReadOnlyList<string> RelativePaths, bool RescanRequired);
