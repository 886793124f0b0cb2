using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Intake;
using PrivacyDesk.Web.Tests.Documents;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>The per-client ledger on its own, with a fake clock.</summary>
public sealed class UploadDraftQuotaTests
{
    private const long MiB = 1024 * 1024;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly UploadDraftQuota quota;

    public UploadDraftQuotaTests() =>
        quota = new UploadDraftQuota(Options.Create(new UploadDraftOptions { MaxDraftsPerClient = 3, MaxBytesPerClient = 30 * MiB }), clock);

    [Fact]
    public void A_client_may_keep_up_to_its_count_and_bytes_and_no_more()
    {
        Assert.True(quota.TryReserve("a", Guid.NewGuid(), 10 * MiB, []));
        Assert.True(quota.TryReserve("a", Guid.NewGuid(), 10 * MiB, []));
        Assert.False(quota.TryReserve("a", Guid.NewGuid(), 10 * MiB + 1, []));
        Assert.True(quota.TryReserve("a", Guid.NewGuid(), 1, []));
        Assert.False(quota.TryReserve("a", Guid.NewGuid(), 1, []));
        Assert.False(quota.Fits("a", 1, []));

        Assert.True(quota.TryReserve("b", Guid.NewGuid(), 10 * MiB, []), "another client has its own quota");
        Assert.Equal((3, (20 * MiB) + 1), quota.UsageOf("a"));
    }

    [Fact]
    public void A_replaced_draft_stops_counting_and_a_released_one_too()
    {
        var first = Guid.NewGuid();
        Assert.True(quota.TryReserve("a", first, 20 * MiB, []));
        var second = Guid.NewGuid();
        Assert.True(quota.TryReserve("a", second, 20 * MiB, [first]));
        Assert.Equal((1, 20 * MiB), quota.UsageOf("a"));

        quota.Release("a", [second]);
        Assert.Equal((0, 0L), quota.UsageOf("a"));
    }

    [Fact]
    public void Drafts_idle_past_the_lifetime_stop_counting_and_a_touch_keeps_them()
    {
        var kept = Guid.NewGuid();
        Assert.True(quota.TryReserve("a", kept, MiB, []));
        Assert.True(quota.TryReserve("a", Guid.NewGuid(), MiB, []));

        clock.Advance(TimeSpan.FromHours(1.5));
        quota.Touch("a", [kept]);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal((1, MiB), quota.UsageOf("a"));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((0, 0L), quota.UsageOf("a"));
        Assert.Equal(1, quota.Prune());
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void The_client_key_is_the_address_and_an_ipv6_client_its_64_network(string address, string key) =>
        Assert.Equal(key, UploadDraftQuota.ClientKey(IPAddress.Parse(address)));

    [Fact]
    public void Settings_a_member_would_meet_are_refused_at_start()
    {
        var validator = new UploadDraftOptionsValidator();

        Assert.True(validator.Validate(null, new UploadDraftOptions()).Succeeded);
        Assert.False(validator.Validate(null, new UploadDraftOptions { MaxDraftsPerClient = 2 }).Succeeded);
        Assert.False(validator.Validate(null, new UploadDraftOptions { MaxBytesPerClient = 10 * MiB }).Succeeded);
        Assert.False(validator.Validate(null, new UploadDraftOptions { IdleLifetime = TimeSpan.FromMinutes(1) }).Succeeded);
        Assert.False(validator.Validate(null, new UploadDraftOptions { MaxTotalDrafts = 10 }).Succeeded);
    }

    [Fact]
    public void The_quota_and_cap_messages_are_japanese_by_default_and_english_for_the_english_ui()
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
            Assert.StartsWith("短時間に多くのファイルが送信されたため", UploadDraftStore.ClientQuotaMessage(TimeSpan.FromHours(2)), StringComparison.Ordinal);
            Assert.Contains("2時間ほど", UploadDraftStore.ClientQuotaMessage(TimeSpan.FromHours(2)), StringComparison.Ordinal);
            Assert.StartsWith("現在、ファイルの受付が混み合っているため", UploadDraftStore.GlobalCapMessage(), StringComparison.Ordinal);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Contains("in about 2 hours", UploadDraftStore.ClientQuotaMessage(TimeSpan.FromHours(2)), StringComparison.Ordinal);
            Assert.StartsWith("We are receiving too many files right now", UploadDraftStore.GlobalCapMessage(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }
}

/// <summary>
/// Drafts through the real form: a per-client quota and a global cap answered with the form and a Japanese message
/// (nothing more stored), a form reviewed again replaces its file, abandoned drafts expire after 2 idle hours.
/// </summary>
public abstract class UploadDraftBoundsTests(BoundedUploadFixture app)
{
    private const string QuotaMessage = "短時間に多くのファイルが送信されたため、これ以上ファイルを受け付けられません（ファイルは保存されていません）。";
    private const string CapMessage = "現在、ファイルの受付が混み合っているため、ファイルを保存できませんでした（ファイルは保存されていません）。";

    [Fact]
    public async Task A_client_over_its_quota_gets_the_form_back_with_a_message_and_nothing_more_is_stored()
    {
        await using var _ = await IsolatedAsync();
        var member = app.Member("192.0.2.11");
        for (var i = 0; i < BoundedUploadFixture.DraftsPerClient; i++)
        {
            var (ok, okPage) = await ReviewNewFormAsync(member, Upload.Jpeg());
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.NotNull(okPage.QuerySelector("input[name=State]"));
        }

        var stored = await DraftCountAsync();
        var (response, page) = await ReviewNewFormAsync(member, Upload.Jpeg());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(QuotaMessage, page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=State]"));
        Assert.Equal(stored, await DraftCountAsync());

        // Another client is not affected.
        var (other, otherPage) = await ReviewNewFormAsync(app.Member("192.0.2.12"), Upload.Jpeg());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.NotNull(otherPage.QuerySelector("input[name=State]"));
    }

    [Fact]
    public async Task When_the_global_cap_is_reached_a_new_client_gets_a_message_and_nothing_is_stored()
    {
        await using var _ = await IsolatedAsync();
        var now = app.Clock.GetUtcNow();
        await app.WithAppDbAsync(db =>
        {
            for (var i = 0; i < BoundedUploadFixture.TotalDrafts; i++)
            {
                db.UploadDrafts.Add(Draft(now));
            }

            return db.SaveChangesAsync();
        });

        var (response, page) = await ReviewNewFormAsync(app.Member("192.0.2.31"), Upload.Jpeg());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(CapMessage, page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(BoundedUploadFixture.TotalDrafts, await DraftCountAsync());
    }

    [Fact]
    public async Task Reviewing_the_same_form_again_replaces_its_file_instead_of_adding_one()
    {
        await using var _ = await IsolatedAsync();
        var member = app.Member("192.0.2.41");
        var form = await member.OpenAsync(RequestFamily.Disclosure);
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        await member.ReviewAsync(RequestFamily.Disclosure, form, fields, new Dictionary<string, Upload> { ["PrincipalDocument"] = Upload.Jpeg() });
        var first = await app.WithAppDbAsync(db => db.UploadDrafts.Select(d => d.Sha256).ToListAsync());

        for (var i = 0; i < 5; i++)
        {
            var (response, page) = await member.ReviewAsync(
                RequestFamily.Disclosure, form, fields, new Dictionary<string, Upload> { ["PrincipalDocument"] = Upload.Png() });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("input[name=State]"));
        }

        var drafts = await app.WithAppDbAsync(db => db.UploadDrafts.Select(d => new { d.Sha256, d.ContentType }).ToListAsync());
        var draft = Assert.Single(drafts);
        Assert.Equal("image/png", draft.ContentType);
        Assert.DoesNotContain(draft.Sha256, first);

        // Six reviews of one form count once against the client's quota of three.
        var (again, againPage) = await ReviewNewFormAsync(member, Upload.Jpeg());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(againPage.QuerySelector("input[name=State]"));
    }

    [Fact]
    public async Task Abandoned_drafts_are_deleted_after_two_idle_hours_and_a_form_in_use_keeps_its_own()
    {
        await using var _ = await IsolatedAsync();
        var abandoned = app.Member("192.0.2.51");
        await ReviewNewFormAsync(abandoned, Upload.Jpeg());
        var active = app.Member("192.0.2.52");
        var form = await active.OpenAsync(RequestFamily.Disclosure);
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        var (_, confirmation) = await active.ReviewAsync(
            RequestFamily.Disclosure, form, fields, new Dictionary<string, Upload> { ["PrincipalDocument"] = Upload.Jpeg() });
        Assert.Equal(2, await DraftCountAsync());

        // 90 minutes later the active member goes back to edit: the form's drafts are in use again.
        app.Clock.Advance(TimeSpan.FromMinutes(90));
        using (var edit = await active.ConfirmAsync(RequestFamily.Disclosure, confirmation, "Edit"))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(45));
        await RunCleanupAsync();
        Assert.Equal(1, await DraftCountAsync());

        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunCleanupAsync();
        Assert.Equal(0, await DraftCountAsync());

        // The expired drafts no longer count against the abandoned client's quota.
        for (var i = 0; i < BoundedUploadFixture.DraftsPerClient; i++)
        {
            var (response, page) = await ReviewNewFormAsync(abandoned, Upload.Jpeg());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("input[name=State]"));
        }
    }

    private static async Task<(HttpResponseMessage Response, AngleSharp.Dom.IDocument Page)> ReviewNewFormAsync(MemberSession member, Upload upload)
    {
        var form = await member.OpenAsync(RequestFamily.Disclosure);
        return await member.ReviewAsync(
            RequestFamily.Disclosure, form, ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal),
            new Dictionary<string, Upload> { ["PrincipalDocument"] = upload });
    }

    private Task<int> RunCleanupAsync() => app.App.Services.GetRequiredService<UploadDraftCleanup>().RunOnceAsync(CancellationToken.None);

    private Task<int> DraftCountAsync() => app.WithAppDbAsync(db => db.UploadDrafts.CountAsync());

    /// <summary>Each test starts with no drafts and ends by deleting its own, so that the global cap sees only them.</summary>
    private async Task<IAsyncDisposable> IsolatedAsync()
    {
        await app.WithAppDbAsync(db => db.UploadDrafts.ExecuteDeleteAsync());
        return new Cleanup(app);
    }

    private static UploadDraft Draft(DateTimeOffset at) => new()
    {
        DraftKeyHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        Role = DocumentRole.PrincipalIdentity,
        ContentType = "image/jpeg",
        SizeBytes = 1000,
        Sha256 = new string('0', 64),
        KeyId = "k0000000000000000",
        Ciphertext = [1, 2, 3],
        CreatedAt = at,
    };

    private sealed class Cleanup(BoundedUploadFixture app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await app.WithAppDbAsync(db => db.UploadDrafts.ExecuteDeleteAsync());
    }
}

public sealed class UploadDraftBoundsTestsOnSqlite(SqliteBoundedUploadFixture app)
    : UploadDraftBoundsTests(app), IClassFixture<SqliteBoundedUploadFixture>;

[Trait("Provider", "Postgres")]
public sealed class UploadDraftBoundsTestsOnPostgres(PostgresBoundedUploadFixture app)
    : UploadDraftBoundsTests(app), IClassFixture<PostgresBoundedUploadFixture>;
