using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// Failed password attempts counted per account and client address, instead of Identity's per-account lockout: a wrong
/// password from one address blocks only that address for that account, so an attacker who knows a staff email cannot
/// keep its owner out (five guesses used to lock the account everywhere for 15 minutes, repeatable at will).
/// <para>
/// The counts live in memory, per instance: with N instances an address gets at most N × <see cref="MaxFailures"/>
/// guesses per window, on top of the per-address POST limit (AbuseProtection). An administrator's "clear sign-in
/// limits" writes a reset time to the account's tokens (<see cref="ResetTokenName"/>), which every instance reads
/// before it refuses a blocked pair, so the reset reaches every instance at once.
/// </para>
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const string ResetTokenName = "SignInLimitsClearedAt";

    /// <summary>Above this many pairs, expired ones are dropped (an attacker trying many emails costs memory).</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> entries = new();

    /// <summary>The account key of an email with no account: throttled exactly like a real one, so behaviour tells nothing.</summary>
    public static string UnknownAccount(string email) => "unknown:" + email.Trim().ToUpperInvariant();

    /// <summary>Whether the pair is blocked; <paramref name="since"/> is when its counting began.</summary>
    public bool IsBlocked(string account, string address, out DateTimeOffset since)
    {
        since = default;
        if (!entries.TryGetValue((account, address), out var entry))
        {
            return false;
        }

        if (clock.GetUtcNow() - entry.First >= Window)
        {
            entries.TryRemove(new KeyValuePair<(string, string), Entry>((account, address), entry));
            return false;
        }

        since = entry.First;
        return entry.Failures >= MaxFailures;
    }

    public void RecordFailure(string account, string address)
    {
        var now = clock.GetUtcNow();
        entries.AddOrUpdate(
            (account, address),
            _ => new Entry(1, now),
            (_, entry) => now - entry.First >= Window ? new Entry(1, now) : entry with { Failures = entry.Failures + 1 });
        if (entries.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    /// <summary>After a correct password from the address.</summary>
    public void Reset(string account, string address) => entries.TryRemove((account, address), out _);

    /// <summary>Every address's count for the account, on this instance (the administrator's reset).</summary>
    public void ResetAccount(string account)
    {
        foreach (var key in entries.Keys.Where(k => k.Account == account).ToList())
        {
            entries.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Whether an administrator cleared the account's limits after <paramref name="since"/> (on any instance); if so, the
    /// pair's count here is dropped too.
    /// </summary>
    public async Task<bool> ClearedSinceAsync(UserManager<StaffUser> users, StaffUser user, string address, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(users);
        var value = await users.GetAuthenticationTokenAsync(user, OneTimeAuthenticatorTokenProvider.TokenLoginProvider, ResetTokenName);
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks < since.UtcTicks)
        {
            return false;
        }

        Reset(user.Id, address);
        return true;
    }

    /// <summary>Records that an administrator cleared the account's limits now; the caller saves it with its audit event.</summary>
    public async Task<IdentityResult> MarkClearedAsync(UserManager<StaffUser> users, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        ResetAccount(user.Id);
        return await users.SetAuthenticationTokenAsync(user, OneTimeAuthenticatorTokenProvider.TokenLoginProvider, ResetTokenName,
            clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (now - entry.First >= Window)
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset First);
}
