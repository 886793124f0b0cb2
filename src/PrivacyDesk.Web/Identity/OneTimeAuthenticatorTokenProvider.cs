using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// Authenticator (TOTP, RFC 6238) codes that work once. Identity's own provider accepts a code for as long as it is in
/// its window, so a code seen over a shoulder or replayed from a proxy log signs in again. This provider records the
/// time step of the last accepted code per user in AspNetUserTokens (through the UserManager, so that every instance
/// sees it and the store's own protection of token values applies) and refuses a code of that step or an earlier one
/// for the same key.
/// The write goes through Identity's user update, which checks the concurrency stamp: of two instances accepting the
/// same code at once, one update fails and that code is refused.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock, Data.PrivacyDeskDbContext db) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string ProviderName = "OneTimeAuthenticator";
    public const string TokenLoginProvider = "[PrivacyDesk]";
    public const string LastStepTokenName = "AuthenticatorLastStep";

    private const int StepSeconds = 30;

    /// <summary>Steps either side of now that are accepted: ±30 s of clock drift between the phone and the server.</summary>
    private const int AllowedDrift = 1;

    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        return !string.IsNullOrWhiteSpace(key) && await manager.GetTwoFactorEnabledAsync(user);
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }

        var secret = Base32.Decode(key);
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - AllowedDrift; step <= now + AllowedDrift; step++)
        {
            // Every step is computed, so that the time taken does not tell which step matched.
            if (Totp(secret, step) == code && matched is null)
            {
                matched = step;
            }
        }

        if (matched is not { } accepted)
        {
            return false;
        }

        // The record names the key it was made with: after a reset of the authenticator, the new key starts afresh.
        var keyId = KeyId(key);
        var last = await manager.GetAuthenticationTokenAsync(user, TokenLoginProvider, LastStepTokenName);
        if (last?.Split(':') is [var lastText, var lastKeyId] && lastKeyId == keyId
            && long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && accepted <= lastStep)
        {
            return false;
        }

        try
        {
            var stored = await manager.SetAuthenticationTokenAsync(
                user, TokenLoginProvider, LastStepTokenName, string.Create(CultureInfo.InvariantCulture, $"{accepted}:{keyId}"));
            if (stored.Succeeded)
            {
                return true;
            }
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the first step record for this user at the same moment: its code won.
        }

        // The losing write stays pending in the context; drop it so that the audit event of the refusal can be saved.
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
        }

        return false;
    }

    /// <summary>A short fingerprint of the key (8 bytes of its SHA-256): tells records of an old key apart, reveals nothing.</summary>
    private static string KeyId(string key) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), 0, 8);

    /// <summary>The 6-digit code of one time step (RFC 6238 with HMAC-SHA1, as authenticator apps use).</summary>
    public static int Totp(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1; its use as a MAC is sound.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    /// <summary>RFC 4648 base32 (the authenticator key as Identity stores and shows it), spaces and padding ignored.</summary>
    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[] Decode(string text)
        {
            var output = new List<byte>(text.Length * 5 / 8);
            int buffer = 0, bits = 0;
            foreach (var ch in text.ToUpperInvariant())
            {
                var value = Alphabet.IndexOf(ch, StringComparison.Ordinal);
                if (value < 0)
                {
                    continue;
                }

                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bits -= 8;
                    output.Add((byte)(buffer >> bits));
                    buffer &= (1 << bits) - 1;
                }
            }

            return [.. output];
        }
    }
}
