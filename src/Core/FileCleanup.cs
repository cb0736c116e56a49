namespace Ragex.Core;

/// <summary>Deleting files that may be gone already or not ours: leftovers and temporary files.</summary>
internal static class FileCleanup
{
    /// <summary>Deletes <paramref name="path"/> if it can; a file that is gone or not ours to delete is left.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already, or another user's.
        }
    }
}
