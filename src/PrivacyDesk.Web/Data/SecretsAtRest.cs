using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Web.Documents;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Letters;
using PrivacyDesk.Web.Mail;

namespace PrivacyDesk.Web.Data;

/// <summary>What one <see cref="SecretsAtRest.SealLegacyAsync"/> pass changed (counts only).</summary>
public sealed record SealingPassResult(int DataProtectionKeys, int UserTokens, int OutboxBodiesSealed, int OutboxBodiesEmptied, int Letters)
{
    public int Total => DataProtectionKeys + UserTokens + OutboxBodiesSealed + OutboxBodiesEmptied + Letters;
}

/// <summary>
/// The start-up pass (run with the migrations) that brings rows written before sealing up to it: plain Data
/// Protection keys, authenticator keys and recovery codes, queued mail bodies and issued letters are sealed under the
/// master key, and bodies of mail already sent are emptied. Idempotent: a sealed value is recognised by its envelope
/// prefix and left alone, so several instances starting at once do no harm (each writes a valid envelope).
/// </summary>
public sealed class SecretsAtRest(
    PrivacyDeskDbContext db,
    MasterKeySealer sealer,
    OutboxBodySealing outbox,
    LetterSealing letters,
    ILogger<SecretsAtRest> logger)
{
    // Letters are the large rows: read a page at a time so that a big table is not loaded at once.
    private const int LetterPageSize = 50;

    public async Task<SealingPassResult> SealLegacyAsync(CancellationToken cancellationToken = default)
    {
        var keys = 0;
        foreach (var key in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(cancellationToken))
        {
            var sealedXml = DataProtectionKeySealing.SealLegacyKey(key.Xml!, sealer);
            if (sealedXml is not null)
            {
                key.Xml = sealedXml;
                keys++;
            }
        }

        var tokens = 0;
        foreach (var token in await db.UserTokens.Where(t => t.Value != null).ToListAsync(cancellationToken))
        {
            if (!MasterKeySealer.IsSealed(token.Value))
            {
                token.Value = sealer.SealText(
                    token.Value!, SealedTokenUserStore.Purpose, SealedTokenUserStore.TokenContext(token.UserId, token.LoginProvider, token.Name));
                tokens++;
            }
        }

        var bodiesSealed = 0;
        var prefix = MasterKeySealer.TextPrefix;
        foreach (var message in await db.Outbox
                     .Where(m => m.SentAt == null && m.TextBody != string.Empty && !m.TextBody.StartsWith(prefix))
                     .ToListAsync(cancellationToken))
        {
            if (outbox.Seal(message))
            {
                bodiesSealed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        // Mail already sent needs no body: the record keeps kind, request, recipient, subject and times.
        var bodiesEmptied = await db.Outbox.Where(m => m.SentAt != null && m.TextBody != string.Empty)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, string.Empty), cancellationToken);

        var sealedLetters = 0;
        var letterIds = await db.Letters.Where(l => l.PurgedAt == null).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var chunk in letterIds.Chunk(LetterPageSize))
        {
            var page = await db.Letters.Where(l => chunk.Contains(l.Id)).ToListAsync(cancellationToken);
            sealedLetters += page.Count(letters.SealInPlace);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        var result = new SealingPassResult(keys, tokens, bodiesSealed, bodiesEmptied, sealedLetters);
        if (result.Total > 0)
        {
            logger.LogInformation(
                "Sealed legacy plain rows under master key {KeyId}: {DataProtectionKeys} key(s) of the cookie key ring, {UserTokens} " +
                "authenticator/recovery token(s), {OutboxSealed} queued mail bod(ies), {Letters} letter(s); emptied {OutboxEmptied} sent mail bod(ies)",
                sealer.CurrentKeyId, keys, tokens, bodiesSealed, sealedLetters, bodiesEmptied);
        }

        return result;
    }
}
