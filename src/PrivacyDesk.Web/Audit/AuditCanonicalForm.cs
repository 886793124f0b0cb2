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
    /// <para>The form is written in its order by <see cref="Begin"/>, the six content fields (<see cref="Field(ReadOnlySpan{byte})"/>
    /// with text already in UTF-8, as the verifier reads it from the database, or <see cref="Field(string)"/>),
    /// then <see cref="Finish"/> with the previous hash. <see cref="Compute"/> is the same from an event's values: one
    /// definition of the layout for recording and for verifying.</para>
    /// </summary>
    public sealed class Hasher : IDisposable
    {
        // The fixed part: previous hash, version, sequence, instant.
        private const int FixedSize = HashSize + 1 + 8 + 8;

        private byte[] buffer = new byte[1024];
        private int length;
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
            Begin(sequence, occurredAt.UtcTicks);
            Field(actorId);
            Field(actorRole);
            Field(action);
            RequestId(requestId);
            Field(details);
            Field(ipAddress);
            Finish(previousHash, destination, key);
        }

        /// <summary>Starts an event's form: the version, the sequence and the instant (UTC ticks); the previous hash comes last.</summary>
        public void Begin(long sequence, long utcTicks)
        {
            var span = buffer.AsSpan();
            span[HashSize] = Version;
            BinaryPrimitives.WriteInt64BigEndian(span[(HashSize + 1)..], sequence);
            BinaryPrimitives.WriteInt64BigEndian(span[(HashSize + 9)..], utcTicks);
            length = FixedSize;
        }

        /// <summary>A text field given as its UTF-8 bytes (the length prefix, then the bytes as they are).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Field(ReadOnlySpan<byte> utf8)
        {
            var span = Reserve(4 + utf8.Length);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)utf8.Length);
            utf8.CopyTo(span[4..]);
            length += 4 + utf8.Length;
        }

        /// <summary>A text field, encoded as UTF-8; null is the null marker.</summary>
        public void Field(string? value)
        {
            if (value is null)
            {
                NullField();
                return;
            }

            var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, span[4..]);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)written);
            length += 4 + written;
        }

        /// <summary>A null text field.</summary>
        public void NullField()
        {
            BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), uint.MaxValue);
            length += 4;
        }

        /// <summary>The request id: 0x00 for none, else 0x01 and its 16 bytes in RFC 4122 order.</summary>
        public void RequestId(Guid? requestId)
        {
            var span = Reserve(17);
            if (requestId is { } id)
            {
                span[0] = 1;
                id.TryWriteBytes(span[1..], bigEndian: true, out _);
                length += 17;
            }
            else
            {
                span[0] = 0;
                length += 1;
            }
        }

        /// <summary>Hashes the form written since <see cref="Begin"/> after <paramref name="previousHash"/>: SHA-256, or the HMAC under <paramref name="key"/>.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Finish(ReadOnlySpan<byte> previousHash, Span<byte> destination, AuditChainKey? key = null)
        {
            if (previousHash.Length != HashSize)
            {
                throw new ArgumentException("A previous hash is 32 bytes.", nameof(previousHash));
            }

            var span = buffer.AsSpan(0, length);
            previousHash.CopyTo(span);
            if (key is null)
            {
                SHA256.HashData(span, destination);
                return;
            }

            if (!ReferenceEquals(key, macKey))
            {
                mac?.Dispose();
                mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.MacKey);
                macKey = key;
            }

            mac!.AppendData(span);
            mac.GetHashAndReset(destination);
        }

        private Span<byte> Reserve(int count)
        {
            if (buffer.Length - length < count)
            {
                Array.Resize(ref buffer, Math.Max(length + count, buffer.Length * 2));
            }

            return buffer.AsSpan(length);
        }
    }
}
