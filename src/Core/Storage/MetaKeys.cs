namespace Ragex.Core.Storage;

public static class MetaKeys
{
    public const string SchemaVersion = "schema_version";
    public const string Root = "root";
    public const string LastIndexed = "last_indexed";
}
