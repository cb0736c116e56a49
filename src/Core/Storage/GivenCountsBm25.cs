using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>
/// FTS5's <c>bm25()</c> (k1 1.2, b 0.75, a weight per column) as the auxiliary function
/// <c>ragex_bm25(table, column weights..., documents per phrase...)</c>: the number of rows each phrase of the query
/// matches is given by the caller instead of counted. FTS5 counts them for every query by reading each phrase's whole
/// list of rows, and a keyword search asks up to nine queries over the same words (all of them, then each leaving one
/// out): on the kernel those counts were 11.6 of the 15.6 ms of "how does the scheduler pick the next task". The
/// search counts each word once (<see cref="ChunkQueries.DocumentsMatching"/>) and passes the counts to every query.
/// The scores are FTS5's own, to the last bit, when the counts are FTS5's.
/// </summary>
internal static unsafe partial class GivenCountsBm25
{
    public const string Name = "ragex_bm25";

    private const string Sqlite = "e_sqlite3";
    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Whether each native connection has the function, kept as long as the connection (pooled readers are opened again and again).</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, StrongBox<bool>> Registered = new();

    /// <summary>
    /// Registers the function on the connection once (FTS5 would add another copy of it at every call); false when this
    /// SQLite offers no way to (FTS5's bm25 is used then).
    /// </summary>
    public static bool TryRegister(SqliteConnection connection) =>
        Registered.GetValue(connection.Handle!, handle => new StrongBox<bool>(Register(handle))).Value;

    private static bool Register(SQLitePCL.sqlite3 handle)
    {
        try
        {
            var api = Fts5Api(handle.DangerousGetHandle());
            if (api is null || api->Version < 2)
            {
                return false;
            }

            fixed (byte* name = "ragex_bm25\0"u8)
            {
                return api->CreateFunction(api, name, IntPtr.Zero, &Score, IntPtr.Zero) == SqliteOk;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The connection's <c>fts5_api</c>, handed out by <c>SELECT fts5(?1)</c> with a pointer bound to ?1.</summary>
    private static Fts5ApiTable* Fts5Api(IntPtr database)
    {
        IntPtr statement;
        fixed (byte* sql = "SELECT fts5(?1)\0"u8)
        {
            if (sqlite3_prepare_v2(database, sql, -1, &statement, null) != SqliteOk)
            {
                return null;
            }
        }

        Fts5ApiTable* api = null;
        try
        {
            fixed (byte* type = "fts5_api_ptr\0"u8)
            {
                if (sqlite3_bind_pointer(statement, 1, &api, type, IntPtr.Zero) != SqliteOk || sqlite3_step(statement) != SqliteRow)
                {
                    return null;
                }
            }
        }
        finally
        {
            sqlite3_finalize(statement);
        }

        return api;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Score(Fts5ExtensionTable* api, IntPtr fts, IntPtr context, int argumentCount, IntPtr* arguments)
    {
        // The weights come first, as many as given (a column without one weighs 1), then a count per phrase.
        var phrases = api->PhraseCount(fts);
        var weights = argumentCount - phrases;
        if (weights < 0)
        {
            fixed (byte* message = "ragex_bm25: give a document count per phrase\0"u8)
            {
                sqlite3_result_error(context, message, -1);
            }

            return;
        }

        Span<double> frequencies = phrases <= 64 ? stackalloc double[phrases] : new double[phrases];
        frequencies.Clear();
        long rows = 0, tokens = 0;
        int rowTokens = 0;
        var code = api->RowCount(fts, &rows);
        code = code == SqliteOk ? api->ColumnTotalSize(fts, -1, &tokens) : code;
        code = code == SqliteOk ? WeightedFrequencies(api, fts, arguments, weights, frequencies) : code;
        code = code == SqliteOk ? api->ColumnSize(fts, -1, &rowTokens) : code;
        if (code != SqliteOk)
        {
            sqlite3_result_error_code(context, code);
            return;
        }

        var lengthNorm = K1 * (1 - B + B * rowTokens / ((double)tokens / rows));
        var score = 0.0;
        for (var i = 0; i < phrases; i++)
        {
            score += Idf(rows, sqlite3_value_int64(arguments[weights + i])) * (frequencies[i] * (K1 + 1.0) / (frequencies[i] + lengthNorm));
        }

        sqlite3_result_double(context, -1.0 * score);
    }

    /// <summary>Each phrase's instances in the row, each counted at its column's weight.</summary>
    private static int WeightedFrequencies(Fts5ExtensionTable* api, IntPtr fts, IntPtr* arguments, int weights, Span<double> frequencies)
    {
        int instances;
        var code = api->InstCount(fts, &instances);
        for (var i = 0; code == SqliteOk && i < instances; i++)
        {
            int phrase, column, offset;
            code = api->Inst(fts, i, &phrase, &column, &offset);
            if (code == SqliteOk)
            {
                frequencies[phrase] += column < weights ? sqlite3_value_double(arguments[column]) : 1.0;
            }
        }

        return code;
    }

    /// <summary>FTS5's IDF, floored as it does: a phrase in over half the rows would otherwise count against a row.</summary>
    private static double Idf(long rows, long hits)
    {
        var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }

    [LibraryImport(Sqlite)]
    private static partial int sqlite3_prepare_v2(IntPtr database, byte* sql, int length, IntPtr* statement, byte** tail);

    [LibraryImport(Sqlite)]
    private static partial int sqlite3_bind_pointer(IntPtr statement, int index, void* pointer, byte* type, IntPtr destructor);

    [LibraryImport(Sqlite)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Sqlite)]
    private static partial int sqlite3_finalize(IntPtr statement);

    [LibraryImport(Sqlite)]
    private static partial double sqlite3_value_double(IntPtr value);

    [LibraryImport(Sqlite)]
    private static partial long sqlite3_value_int64(IntPtr value);

    [LibraryImport(Sqlite)]
    private static partial void sqlite3_result_double(IntPtr context, double value);

    [LibraryImport(Sqlite)]
    private static partial void sqlite3_result_error(IntPtr context, byte* message, int length);

    [LibraryImport(Sqlite)]
    private static partial void sqlite3_result_error_code(IntPtr context, int code);

    /// <summary>The start of fts5.h's <c>fts5_api</c>, up to the member used.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ApiTable
    {
        public int Version;
        public IntPtr CreateTokenizer;
        public IntPtr FindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5ApiTable*, byte*, IntPtr, delegate* unmanaged[Cdecl]<Fts5ExtensionTable*, IntPtr, IntPtr, int, IntPtr*, void>, IntPtr, int> CreateFunction;
    }

    /// <summary>The start of fts5.h's <c>Fts5ExtensionApi</c>, up to the last member used.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionTable
    {
        public int Version;
        public IntPtr UserData;
        public IntPtr ColumnCount;
        public delegate* unmanaged[Cdecl]<IntPtr, long*, int> RowCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, long*, int> ColumnTotalSize;
        public IntPtr Tokenize;
        public delegate* unmanaged[Cdecl]<IntPtr, int> PhraseCount;
        public IntPtr PhraseSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, int> InstCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int*, int*, int> Inst;
        public IntPtr Rowid;
        public IntPtr ColumnText;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> ColumnSize;
    }
}
