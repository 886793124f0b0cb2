using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>Uploads of forms never submitted are deleted once idle for the lifetime (2 h); fresh ones stay for the member to finish.</summary>
public abstract class UploadDraftCleanupTests(AppFixture app)
{
    [Fact]
    public async Task Expired_drafts_are_deleted_and_fresh_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var key = AccessTokenKey();
        await app.WithDbAsync(async db =>
        {
            db.UploadDrafts.Add(Draft(key, now - Lifetime - TimeSpan.FromMinutes(5)));
            db.UploadDrafts.Add(Draft(key, now - TimeSpan.FromHours(1)));
            return await db.SaveChangesAsync();
        });

        // The app's own first pass runs at start-up and may race this test for the expired draft, so the count this
        // call returns can be 0; what is left afterwards is what must hold.
        await app.WithScopeAndReturnAsync(services => services.GetRequiredService<UploadDraftCleanup>().RunOnceAsync(CancellationToken.None));

        var left = await app.WithDbAsync(db => db.UploadDrafts.Where(d => d.DraftKeyHash == key).Select(d => d.CreatedAt).ToListAsync());
        var kept = Assert.Single(left);
        Assert.True(kept > now - Lifetime);
    }

    private static readonly TimeSpan Lifetime = new UploadDraftOptions().IdleLifetime;

    private static string AccessTokenKey() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    private static UploadDraft Draft(string keyHash, DateTimeOffset createdAt) => new()
    {
        DraftKeyHash = keyHash,
        Role = DocumentRole.PrincipalIdentity,
        ContentType = "image/jpeg",
        SizeBytes = 3,
        Sha256 = new string('0', 64),
        KeyId = "k0000000000000000",
        Ciphertext = [1, 2, 3],
        CreatedAt = createdAt,
    };
}

public sealed class UploadDraftCleanupTestsOnSqlite(SqliteAppFixture app) : UploadDraftCleanupTests(app), IClassFixture<SqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class UploadDraftCleanupTestsOnPostgres(PostgresAppFixture app) : UploadDraftCleanupTests(app), IClassFixture<PostgresAppFixture>;
