using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Intake;

/// <summary>
/// What each client address keeps as upload drafts, in this process: the per-client half of the draft bounds (the
/// global half is counted in the database, see <see cref="UploadDraftStore"/>). Kept in memory because a draft row
/// records no address (the address is personal data the draft does not need); like the rate limiter, each instance
/// counts its own clients, and a restart forgets, which the global cap in the database still bounds.
/// </summary>
public sealed class UploadDraftQuota(IOptions<UploadDraftOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Ledger> ledgers = new(StringComparer.Ordinal);

    /// <summary>
    /// The client key of a request: its remote address as the connection reports it (after any forwarded-headers
    /// processing), an IPv4-mapped address as IPv4, an IPv6 address by its /64 network (one subscriber's block).
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClientKey(context.Connection.RemoteIpAddress);
    }

    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Whether <paramref name="bytes"/> more would fit, not counting the drafts being replaced. Reserves nothing.</summary>
    public bool Fits(string client, long bytes, IReadOnlyCollection<Guid> replacing) =>
        ledgers.GetOrAdd(client, _ => new Ledger()).Fits(bytes, replacing, Horizon(), options.Value);

    /// <summary>Counts a stored draft against the client, replacing <paramref name="replacing"/>; false (nothing counted) when over the quota.</summary>
    public bool TryReserve(string client, Guid draftId, long bytes, IReadOnlyCollection<Guid> replacing) =>
        ledgers.GetOrAdd(client, _ => new Ledger()).TryReserve(draftId, bytes, replacing, clock.GetUtcNow(), Horizon(), options.Value);

    /// <summary>Restarts the idle clock of drafts still in use (the form was posted again).</summary>
    public void Touch(string client, IEnumerable<Guid> draftIds)
    {
        if (ledgers.TryGetValue(client, out var ledger))
        {
            ledger.Touch(draftIds, clock.GetUtcNow());
        }
    }

    /// <summary>Stops counting drafts that are gone (filed with a request, or not stored after all).</summary>
    public void Release(string client, IEnumerable<Guid> draftIds)
    {
        if (ledgers.TryGetValue(client, out var ledger))
        {
            ledger.Release(draftIds);
        }
    }

    /// <summary>Forgets clients whose drafts have all expired, so that the table does not grow with every address seen.</summary>
    public int Prune()
    {
        var horizon = Horizon();
        var removed = 0;
        foreach (var (client, ledger) in ledgers)
        {
            if (ledger.IsEmptyAfter(horizon) && ledgers.TryRemove(new KeyValuePair<string, Ledger>(client, ledger)))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Kept, used bytes and count of one client (for tests and logs).</summary>
    public (int Drafts, long Bytes) UsageOf(string client) =>
        ledgers.TryGetValue(client, out var ledger) ? ledger.Usage(Horizon()) : (0, 0);

    private DateTimeOffset Horizon() => clock.GetUtcNow() - options.Value.IdleLifetime;

    private sealed class Ledger
    {
        private readonly Dictionary<Guid, (long Bytes, DateTimeOffset UsedAt)> drafts = [];

        public bool Fits(long bytes, IReadOnlyCollection<Guid> replacing, DateTimeOffset horizon, UploadDraftOptions limits)
        {
            lock (drafts)
            {
                return FitsLocked(bytes, replacing, horizon, limits);
            }
        }

        public bool TryReserve(Guid id, long bytes, IReadOnlyCollection<Guid> replacing, DateTimeOffset now, DateTimeOffset horizon, UploadDraftOptions limits)
        {
            lock (drafts)
            {
                if (!FitsLocked(bytes, replacing, horizon, limits))
                {
                    return false;
                }

                foreach (var old in replacing)
                {
                    drafts.Remove(old);
                }

                drafts[id] = (bytes, now);
                return true;
            }
        }

        public void Touch(IEnumerable<Guid> ids, DateTimeOffset now)
        {
            lock (drafts)
            {
                foreach (var id in ids)
                {
                    if (drafts.TryGetValue(id, out var entry))
                    {
                        drafts[id] = entry with { UsedAt = now };
                    }
                }
            }
        }

        public void Release(IEnumerable<Guid> ids)
        {
            lock (drafts)
            {
                foreach (var id in ids)
                {
                    drafts.Remove(id);
                }
            }
        }

        public bool IsEmptyAfter(DateTimeOffset horizon)
        {
            lock (drafts)
            {
                Expire(horizon);
                return drafts.Count == 0;
            }
        }

        public (int Drafts, long Bytes) Usage(DateTimeOffset horizon)
        {
            lock (drafts)
            {
                Expire(horizon);
                return (drafts.Count, drafts.Values.Sum(d => d.Bytes));
            }
        }

        private bool FitsLocked(long bytes, IReadOnlyCollection<Guid> replacing, DateTimeOffset horizon, UploadDraftOptions limits)
        {
            Expire(horizon);
            var kept = drafts.Where(d => !replacing.Contains(d.Key)).ToList();
            return kept.Count + 1 <= limits.MaxDraftsPerClient && kept.Sum(d => d.Value.Bytes) + bytes <= limits.MaxBytesPerClient;
        }

        /// <summary>Drafts idle past the lifetime are deleted from the database by the clean-up; stop counting them.</summary>
        private void Expire(DateTimeOffset horizon)
        {
            foreach (var id in drafts.Where(d => d.Value.UsedAt <= horizon).Select(d => d.Key).ToList())
            {
                drafts.Remove(id);
            }
        }
    }
}
