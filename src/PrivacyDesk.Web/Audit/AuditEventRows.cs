using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// One stored audit event as the chain verifier reads it, column by column in the order of its SELECT (Sequence,
/// OccurredAt, ActorId, ActorRole, Action, RequestId, Details, IpAddress, ChainKeyId, PreviousHash, Hash). Text comes as
/// UTF-8 bytes, the form the canonical serialisation hashes (<see cref="AuditCanonicalForm"/>), so that a provider that
/// holds UTF-8 hands it over without a string in between. A span is valid until the next column is read.
/// </summary>
internal interface IAuditEventRow
{
    bool IsNull(int ordinal);

    long GetInt64(int ordinal);

    /// <summary>The instant's UTC ticks, as the model stores the column.</summary>
    long GetUtcTicks(int ordinal);

    Guid GetGuid(int ordinal);

    /// <summary>A non-null text column as UTF-8.</summary>
    ReadOnlySpan<byte> GetText(int ordinal);

    /// <summary>A binary column's bytes (empty for null: a missing hash matches nothing).</summary>
    ReadOnlySpan<byte> GetBytes(int ordinal);
}

/// <summary>
/// A row of any ADO.NET reader. Npgsql hands text columns over as their UTF-8 bytes (<c>ReadOnlyMemory&lt;byte&gt;</c>, the
/// connection's client encoding is UTF-8), without decoding them; other providers (SQL Server's UTF-16 columns) give
/// strings, encoded here into a reused buffer.
/// </summary>
internal struct ReaderEventRow(DbDataReader reader, Func<long, DateTimeOffset>? occurredFromLong, bool textAsUtf8) : IAuditEventRow
{
    private byte[] scratch = new byte[256];

    public readonly bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

    public readonly long GetInt64(int ordinal) => reader.GetInt64(ordinal);

    public readonly long GetUtcTicks(int ordinal) =>
        (occurredFromLong is null ? reader.GetFieldValue<DateTimeOffset>(ordinal) : occurredFromLong(reader.GetInt64(ordinal))).UtcTicks;

    public readonly Guid GetGuid(int ordinal) => reader.GetGuid(ordinal);

    public ReadOnlySpan<byte> GetText(int ordinal)
    {
        if (textAsUtf8)
        {
            return reader.GetFieldValue<ReadOnlyMemory<byte>>(ordinal).Span;
        }

        var text = reader.GetString(ordinal);
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (scratch.Length < needed)
        {
            scratch = new byte[Math.Max(needed, scratch.Length * 2)];
        }

        return scratch.AsSpan(0, Encoding.UTF8.GetBytes(text, scratch));
    }

    public readonly ReadOnlySpan<byte> GetBytes(int ordinal) => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
}

/// <summary>
/// A row of a statement stepped through SQLite's own API on the connection's handle: each column's value as SQLite holds
/// it, the same conversions as Microsoft.Data.Sqlite's getters (<c>GetString</c> is the decoded <c>sqlite3_column_text</c>,
/// <c>GetFieldValue&lt;byte[]&gt;</c> a copy of <c>sqlite3_column_blob</c>, <c>GetGuid</c> a 16-byte blob or parsed text),
/// but no string and no array per column. The column getters are called directly (<see cref="SqliteColumns"/>).
/// </summary>
internal readonly struct SqliteEventRow(SqliteStatement statement, Func<long, DateTimeOffset> occurredFromLong) : IAuditEventRow
{
    private readonly IntPtr handle = statement.Pointer;

    public bool IsNull(int ordinal) => SqliteColumns.sqlite3_column_type(handle, ordinal) == raw.SQLITE_NULL;

    public long GetInt64(int ordinal) => IsNull(ordinal)
        ? throw new InvalidOperationException($"The data is NULL at ordinal {ordinal}.")
        : SqliteColumns.sqlite3_column_int64(handle, ordinal);

    public long GetUtcTicks(int ordinal) => occurredFromLong(GetInt64(ordinal)).UtcTicks;

    public Guid GetGuid(int ordinal)
    {
        if (SqliteColumns.sqlite3_column_type(handle, ordinal) == raw.SQLITE_BLOB)
        {
            var blob = GetBytes(ordinal);
            return blob.Length == 16 ? new Guid(blob) : new Guid(Encoding.UTF8.GetString(blob));
        }

        var text = GetText(ordinal);
        Span<char> chars = stackalloc char[Math.Min(text.Length, 128)];
        return text.Length <= chars.Length && Encoding.UTF8.TryGetChars(text, chars, out var written)
            ? Guid.Parse(chars[..written])
            : new Guid(Encoding.UTF8.GetString(text));
    }

    public unsafe ReadOnlySpan<byte> GetText(int ordinal)
    {
        // sqlite3_column_text first (it converts a number to its text, as GetString sees it), then its length in bytes.
        var text = SqliteColumns.sqlite3_column_text(handle, ordinal);
        var length = SqliteColumns.sqlite3_column_bytes(handle, ordinal);
        return text == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)text, length);
    }

    public unsafe ReadOnlySpan<byte> GetBytes(int ordinal)
    {
        var blob = SqliteColumns.sqlite3_column_blob(handle, ordinal);
        var length = SqliteColumns.sqlite3_column_bytes(handle, ordinal);
        return blob == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)blob, length);
    }
}

/// <summary>
/// SQLite's column getters, called directly in the library Microsoft.Data.Sqlite loaded (e_sqlite3, the bundle's). Through
/// SQLitePCLRaw each call marshals the statement's SafeHandle and switches GC mode; for 9 columns of a million rows that
/// was about 1.3 s of CPU, here about 0.3 s (docs/benchmarks/audit-verify.md). These functions only read the current
/// row (at most converting a number to text), never block and never call back, which is what
/// <see cref="SuppressGCTransitionAttribute"/> requires.
/// </summary>
internal static partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    /// <summary>True when SQLitePCLRaw runs on the bundled e_sqlite3 library, the one these declarations bind to.</summary>
    public static bool Available { get; } = string.Equals(raw.GetNativeLibraryName(), Library, StringComparison.Ordinal);

#pragma warning disable SA1300 // SQLite's own names
    [LibraryImport(Library)]
    [SuppressGCTransition]
    internal static partial int sqlite3_column_type(IntPtr statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    internal static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    internal static partial IntPtr sqlite3_column_text(IntPtr statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    internal static partial IntPtr sqlite3_column_blob(IntPtr statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    internal static partial int sqlite3_column_bytes(IntPtr statement, int column);
#pragma warning restore SA1300
}

/// <summary>A prepared statement on an open <see cref="SqliteConnection"/>'s handle, with its two range parameters bound.</summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 db;
    private bool started;

    private SqliteStatement(sqlite3 db, sqlite3_stmt handle)
    {
        this.db = db;
        Handle = handle;

        // Held for the statement's life, so that the raw pointer the column getters take stays valid.
        var added = false;
        handle.DangerousAddRef(ref added);
        Pointer = handle.DangerousGetHandle();
    }

    public sqlite3_stmt Handle { get; }

    /// <summary>The statement's native pointer, for <see cref="SqliteColumns"/>.</summary>
    public IntPtr Pointer { get; }

    /// <summary>Prepares <paramref name="sql"/> and binds <c>@after</c> and <c>@until</c>.</summary>
    public static SqliteStatement Prepare(SqliteConnection connection, string sql, long after, long until)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var handle));
        var statement = new SqliteStatement(db, handle);
        try
        {
            Check(db, raw.sqlite3_bind_int64(handle, raw.sqlite3_bind_parameter_index(handle, "@after"), after));
            Check(db, raw.sqlite3_bind_int64(handle, raw.sqlite3_bind_parameter_index(handle, "@until"), until));
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves to the next row; false at the end. A database busy before the first row is waited out, as Microsoft.Data.Sqlite
    /// does (a read in WAL mode is rarely kept waiting); after it, the statement cannot be restarted without reading
    /// rows twice, so that is an error.
    /// </summary>
    public bool Step()
    {
        while (true)
        {
            var rc = raw.sqlite3_step(Handle);
            switch (rc)
            {
                case raw.SQLITE_ROW:
                    started = true;
                    return true;
                case raw.SQLITE_DONE:
                    return false;
                case raw.SQLITE_BUSY or raw.SQLITE_LOCKED when !started:
                    raw.sqlite3_reset(Handle);
                    Thread.Sleep(1);
                    break;
                default:
                    Check(db, rc);
                    return false;
            }
        }
    }

    public void Dispose()
    {
        Handle.DangerousRelease();
        Handle.Dispose();
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
