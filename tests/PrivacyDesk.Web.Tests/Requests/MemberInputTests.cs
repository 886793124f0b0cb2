using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// Numbers and dates as people type them (issue 15): a birth year in full-width digits (１９５８) is kept, not refused
/// and erased; a birth date may be given in 和暦 (昭和33年) and is stored as the same day; a 和暦 date outside its era
/// is refused with the usual message; a HEIC photo is refused with how to send a JPEG; the status code can be copied
/// by hand (no look-alike characters, groups of four, any case) and codes of the earlier format still work.
/// </summary>
public abstract class MemberInputTests(FormAppFixture app)
{
    [Fact]
    public async Task A_birth_year_in_full_width_digits_is_accepted_and_shown_normalised()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);
        var fields = ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal);
        fields["Input.Principal.BirthDate.Year"] = "１９５８";
        fields["Input.Principal.BirthDate.Month"] = "４";
        fields["Input.Principal.BirthDate.Day"] = "１";
        var (response, confirmation) = await session.ReviewAsync(RequestFamily.Correction, form, fields, ValidForm.Files(RequesterType.Principal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(confirmation.QuerySelector(".pd-error-summary"));
        Assert.Equal("1958年4月1日（昭和33年4月1日）", confirmation.QuerySelector("#confirm-birth-date")?.TextContent.Trim());

        using var submitted = await session.ConfirmAsync(RequestFamily.Correction, confirmation);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(new DateOnly(1958, 4, 1), await StoredBirthDateAsync(await session.Client.GetDocumentAsync("/requests/receipt")));
    }

    [Theory]
    [InlineData("昭和", "33", "4", "1", 1958, 4, 1)]
    [InlineData("昭和", "３３", "４", "１", 1958, 4, 1)]
    [InlineData("平成", "1", "1", "8", 1989, 1, 8)]
    [InlineData("大正", "15", "12", "24", 1926, 12, 24)]
    public async Task A_birth_date_in_wareki_is_stored_as_the_same_day(string era, string year, string month, string day, int y, int m, int d)
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Correction, RequesterType.Principal, fields =>
        {
            fields["Input.Principal.BirthDate.Era"] = era;
            fields["Input.Principal.BirthDate.Year"] = year;
            fields["Input.Principal.BirthDate.Month"] = month;
            fields["Input.Principal.BirthDate.Day"] = day;
        });
        Assert.Equal(new DateOnly(y, m, d), await StoredBirthDateAsync(receipt));
    }

    [Theory]
    [InlineData("昭和", "64", "1", "8")] // 平成 had begun
    [InlineData("平成", "32", "1", "1")] // 平成 ended in its 31st year
    [InlineData("天保", "3", "1", "1")] // not an era the form offers
    public async Task A_wareki_date_outside_its_era_is_refused_and_the_input_kept(string era, string year, string month, string day)
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);
        var fields = ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal);
        fields["Input.Principal.BirthDate.Era"] = era;
        fields["Input.Principal.BirthDate.Year"] = year;
        fields["Input.Principal.BirthDate.Month"] = month;
        fields["Input.Principal.BirthDate.Day"] = day;
        var (_, page) = await session.ReviewAsync(RequestFamily.Correction, form, fields, ValidForm.Files(RequesterType.Principal));
        Assert.Contains("生年月日を正しく入力してください", page.QuerySelector(".pd-error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(year, page.QuerySelector("#Input_Principal_BirthDate_Year")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_HEIC_photo_is_refused_with_how_to_send_a_JPEG_from_an_iPhone()
    {
        // An iPhone photo: an ISO base-media box "ftyp" with the brand "heic".
        byte[] heic = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]];
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Correction);
        var (_, page) = await session.ReviewAsync(RequestFamily.Correction, form, ValidForm.Fields(RequestFamily.Correction, RequesterType.Principal),
            new Dictionary<string, Upload> { ["PrincipalDocument"] = new Upload(heic, "IMG_0001.HEIC", "image/heic") });
        var summary = page.QuerySelector(".pd-error-summary")?.TextContent ?? string.Empty;
        Assert.Contains("HEIC", summary, StringComparison.Ordinal);
        Assert.Contains("「設定」→「カメラ」→「フォーマット」→「互換性優先」", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("ファイルの形式が対応していません", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_code_is_copied_by_hand_and_an_old_code_still_works()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var receipt = await session.FileAsync(RequestFamily.Correction, RequesterType.Principal);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var code = receipt.QuerySelector("#access-token")!.TextContent.Trim();
        Assert.Matches("^([2-9A-HJKMNP-Z]{4}-){4}[2-9A-HJKMNP-Z]{4}$", code);
        Assert.NotNull(receipt.QuerySelector("button#print-receipt[data-print]"));

        // Typed in lower case, without the dashes, or in full width: the same code.
        foreach (var typed in new[] { code, code.ToLowerInvariant(), code.Replace("-", string.Empty, StringComparison.Ordinal), $" {code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)} " })
        {
            var page = await session.Client.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(typed)}");
            Assert.Equal("受付", page.QuerySelector("#status-label")?.TextContent);
        }

        var wrong = await session.Client.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(code[..^1] + (code[^1] == 'Z' ? 'Y' : 'Z'))}");
        Assert.Null(wrong.QuerySelector("#status-label"));
        Assert.Equal("text", wrong.QuerySelector("input#t")?.GetAttribute("type"));

        // A request filed before the change keeps its 32-character, case-sensitive token.
        var old = Domain.Requests.AccessToken.Create();
        await app.WithDbAsync(async db =>
        {
            var request = await db.Requests.SingleAsync(r => r.ReferenceNumber == reference);
            db.Entry(request).Property(r => r.AccessTokenHash).CurrentValue = Domain.Requests.AccessToken.Hash(old);
            return await db.SaveChangesAsync();
        });
        var oldPage = await session.Client.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(old)}");
        Assert.Equal("受付", oldPage.QuerySelector("#status-label")?.TextContent);
        var newGone = await session.Client.GetDocumentAsync($"/requests/status?r={reference}&t={Uri.EscapeDataString(code)}");
        Assert.Null(newGone.QuerySelector("#status-label"));
    }

    private async Task<DateOnly> StoredBirthDateAsync(AngleSharp.Dom.IDocument receipt)
    {
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        return await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Principal.DateOfBirth).SingleAsync());
    }
}

public sealed class MemberInputTestsOnSqlite(SqliteFormFixture app) : MemberInputTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class MemberInputTestsOnPostgres(PostgresFormFixture app) : MemberInputTests(app), IClassFixture<PostgresFormFixture>;
