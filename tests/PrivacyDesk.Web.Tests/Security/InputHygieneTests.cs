using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;

namespace PrivacyDesk.Web.Tests.Security;

/// <summary>
/// Findings 12 and 13 through the member's form: bidirectional and zero-width characters are refused in names and
/// addresses with a Japanese message and removed from free text; the sealed confirmation state files only from the
/// browser that made it.
/// </summary>
public abstract class InputHygieneTests(FormAppFixture app)
{
    private const string InvisibleMessage = "表示の向きを変える文字や幅のない文字など、目に見えない制御文字が含まれています。";

    [Theory]
    [InlineData("Input.Principal.FullName", "日吉\u202e\u2066evil\u2069")]
    [InlineData("Input.Principal.FullName", "山田\u200b花子")]
    [InlineData("Input.Principal.FullNameKana", "ヤマダ\ufeffハナコ")]
    [InlineData("Input.Principal.City", "新宿区\u2067")]
    [InlineData("Input.Principal.AddressLine", "6-24-20\u2060")]
    public async Task A_name_or_address_with_an_invisible_control_is_refused_in_japanese(string field, string value)
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        fields[field] = value;
        var (response, page) = await session.ReviewAsync(RequestFamily.Disclosure, form, fields, ValidForm.Files(RequesterType.Principal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty;
        Assert.Contains(InvisibleMessage, summary, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=State]"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    [Fact]
    public async Task Free_text_is_filed_without_invisible_controls_and_the_member_is_told()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        fields["Input.DataDescription"] = "日吉\u202e\u2066evil\u2069の利用履歴\u200b\ufeff";
        var (_, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, form, fields, ValidForm.Files(RequesterType.Principal));

        Assert.NotNull(confirmation.QuerySelector("#invisible-removed"));
        Assert.Contains("日吉evilの利用履歴", confirmation.QuerySelector(".pd-confirm")!.TextContent, StringComparison.Ordinal);
        using var submitted = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var receipt = await session.Client.GetDocumentAsync("/requests/receipt");
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;

        var stored = await app.WithDbAsync(db => db.Requests.SingleAsync(r => r.ReferenceNumber == reference));
        Assert.Equal("日吉evilの利用履歴", stored.DataDescription);
    }

    [Fact]
    public async Task A_confirmation_replayed_from_another_browser_is_refused_and_nothing_is_filed()
    {
        var member = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await member.OpenAsync(RequestFamily.Disclosure);
        var (_, confirmation) = await member.ReviewAsync(RequestFamily.Disclosure, form,
            ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal), ValidForm.Files(RequesterType.Principal));
        var state = confirmation.QuerySelector("input[name=State]")!.GetAttribute("value")!;

        // Another browser with a valid antiforgery pair of its own (and its own form cookie) posts the member's state.
        using var other = app.Factory.CreateBrowserClient();
        var otherPage = await other.GetDocumentAsync("/requests/disclosure");
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        foreach (var handler in new[] { "Submit", "Edit" })
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = otherPage.AntiforgeryToken(),
                ["State"] = state,
            });
            using var replayed = await other.PostAsync(new Uri($"/requests/disclosure?handler={handler}", UriKind.Relative), content);
            var html = await replayed.Content.ReadAsStringAsync();
            var text = replayed.StatusCode == HttpStatusCode.OK ? (await Html.ParseAsync(replayed)).Text() : string.Empty;

            // Nothing of the member's entries is shown to the other browser.
            Assert.DoesNotContain("hanako@example.jp", html, StringComparison.Ordinal);
            if (handler == "Submit")
            {
                Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
                Assert.Contains("別のブラウザーで確認した内容は送信できません", text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.Requests.CountAsync()));

        // The browser that made it files it.
        using var filed = await member.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }
}

public sealed class InputHygieneTestsOnSqlite(SqliteFormFixture app) : InputHygieneTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class InputHygieneTestsOnPostgres(PostgresFormFixture app) : InputHygieneTests(app), IClassFixture<PostgresFormFixture>;
