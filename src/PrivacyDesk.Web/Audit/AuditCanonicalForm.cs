using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// The fixed serialisation an audit event is hashed from (ADR 0008). Version 1, all integers big-endian:
/// <code>
/// hash = SHA-256( previousHash[32] || 0x01 || sequence:int64 || occurredAt:int64 UTC ticks
///                 || field(actorId) || field(actorRole) || field(action) || requestId || field(details) || field(ipAddress) )
/// field(s)  = 0xFFFFFFFF for null, else length:uint32 of the UTF-8 bytes, then the bytes
/// ticks     = 100 ns units since 0001-01-01 UTC; the instant is truncated to whole milliseconds when recorded, a
///             precision every provider keeps exactly, and any later change, even below a millisecond, changes the hash
/// requestId = 0x00 for none, else 0x01 and the 16 bytes of the GUID in RFC 4122 (big-endian) order
/// </code>
/// Length prefixes make it unambiguous (no separator can be smuggled inside a field). The first event's previous hash
/// is 32 zero bytes. The database Id is not hashed: the chain's identity is the sequence number.
/// <para>Keyed events (ADR 0008, amendment 1) hash the same bytes with HMAC-SHA-256 under the chain key named by the event's
/// <see cref="AuditEvent.ChainKeyId"/>; events recorded before keys existed keep their plain SHA-256 (the legacy prefix).</para>
/// </summary>
public static class AuditCanonicalForm
{
    public const int HashSize = 32;
    public const byte Version = 1;

    public static ReadOnlySpan<byte> Genesis => new byte[HashSize];

    /// <summary>Milliseconds: the precision every provider keeps (SQLite's stored form 0.1 ms, PostgreSQL 1 µs, SQL Server 100 ns).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    /// <summary>The plain SHA-256 of an unkeyed (legacy) event; <paramref name="key"/> given, its HMAC under that key.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditEvent e, AuditChainKey? key = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var hash = new byte[HashSize];
        using var hasher = new Hasher();
        hasher.Compute(previousHash, e.Sequence, e.OccurredAt, e.ActorId, e.ActorRole, e.Action, e.RequestId, e.Details, e.IpAddress, hash, key);
        return hash;
    }

    /// <summary>
    /// Computes hashes with one reusable buffer, so that verifying a million events allocates nothing per event here.
    /// Not thread-safe: one per verification. The HMAC of the last key used is kept and reset after each event, so a key's
    /// pads are not set up again for every event.
    /// </summary>
    public sealed class Hasher : IDisposable
    {
        private byte[] buffer = new byte[1024];
        private AuditChainKey? macKey;
        private IncrementalHash? mac;

        public void Dispose()
        {
            mac?.Dispose();
            mac = null;
            macKey = null;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Compute(
            ReadOnlySpan<byte> previousHash, long sequence, DateTimeOffset occurredAt, string actorId, string? actorRole, string action,
            Guid? requestId, string? details, string? ipAddress, Span<byte> destination, AuditChainKey? key = null)
        {
            if (previousHash.Length != HashSize)
            {
                throw new ArgumentException("A previous hash is 32 bytes.", nameof(previousHash));
            }

            var needed = HashSize + 1 + 8 + 8 + 1 + 16 + (5 * 4)
                + MaxBytes(actorId) + MaxBytes(actorRole) + MaxBytes(action) + MaxBytes(details) + MaxBytes(ipAddress);
            if (buffer.Length < needed)
            {
                buffer = new byte[Math.Max(needed, buffer.Length * 2)];
            }

            var span = buffer.AsSpan();
            previousHash.CopyTo(span);
            var at = HashSize;
            span[at++] = Version;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], sequence);
            at += 8;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], occurredAt.UtcTicks);
            at += 8;
            at += Field(span[at..], actorId);
            at += Field(span[at..], actorRole);
            at += Field(span[at..], action);
            if (requestId is { } id)
            {
                span[at++] = 1;
                id.TryWriteBytes(span[at..], bigEndian: true, out _);
                at += 16;
            }
            else
            {
                span[at++] = 0;
            }

            at += Field(span[at..], details);
            at += Field(span[at..], ipAddress);
            if (key is null)
            {
                SHA256.HashData(span[..at], destination);
                return;
            }

            if (!ReferenceEquals(key, macKey))
            {
                mac?.Dispose();
                mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.MacKey);
                macKey = key;
            }

            mac!.AppendData(span[..at]);
            mac.GetHashAndReset(destination);
        }

        private static int MaxBytes(string? s) => s is null ? 0 : Encoding.UTF8.GetMaxByteCount(s.Length);

        private static int Field(Span<byte> span, string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span, uint.MaxValue);
                return 4;
            }

            var written = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)written);
            return 4 + written;
        }
    }
}
