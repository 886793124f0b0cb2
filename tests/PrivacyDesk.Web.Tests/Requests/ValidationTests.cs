using System.Net;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Tests.Documents;
using PrivacyDesk.Web.Tests.Infrastructure;

namespace PrivacyDesk.Web.Tests.Requests;

/// <summary>
/// Every validation message, the documents rule and hostile input, through the real form. Each bad post must come back
/// with the message under the field and in the summary, keep what was entered, and store no request.
/// </summary>
public abstract class ValidationTests(FormAppFixture app)
{
    /// <summary>A change to a valid form and the Japanese message it must produce.</summary>
    public static TheoryData<string, RequestFamily, RequesterType, string, string?, string> Cases() => new()
    {
        // case name, family, requester, field, value (null removes it), expected message
        { "no kind", RequestFamily.Disclosure, RequesterType.Principal, "Input.Kinds", null, "請求の種類を1つ以上選んでください。" },
        { "kind of another family", RequestFamily.Disclosure, RequesterType.Principal, "Input.Kinds", "Correction", "この請求書では選べない種類が含まれています。" },
        { "no requester type", RequestFamily.Disclosure, RequesterType.Principal, "Input.RequesterType", null, "請求者の区分（本人・任意代理人・法定代理人）を選んでください。" },
        { "no name", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.FullName", null, "ご本人の氏名を入力してください。" },
        { "no kana", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.FullNameKana", null, "ご本人のフリガナを入力してください。" },
        { "kana in kanji", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.FullNameKana", "山田花子", "ご本人のフリガナはカタカナで入力してください（ひらがな・半角カナも使えます）。" },
        { "no birth date", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.BirthDate.Day", null, "ご本人の生年月日を正しく入力してください。" },
        { "31 February", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.BirthDate.Month", "2", "ご本人の生年月日を正しく入力してください。" },
        { "born in the future", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.BirthDate.Year", "2099", "ご本人の生年月日が正しくありません（未来の日付や130年以上前の日付は入力できません）。" },
        { "no postal code", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.PostalCode", null, "ご本人の郵便番号を入力してください。" },
        { "6-digit postal code", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.PostalCode", "160-002", "ご本人の郵便番号は「123-4567」の形式（7桁）で入力してください。" },
        { "no prefecture", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Prefecture", null, "ご本人の都道府県を選んでください。" },
        { "unknown prefecture", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Prefecture", "東京", "ご本人の都道府県を一覧から選んでください。" },
        { "no city", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.City", null, "ご本人の市区町村を入力してください。" },
        { "no street", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.AddressLine", null, "ご本人の町名・番地・建物名を入力してください。" },
        { "no phone", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Phone", null, "ご本人の電話番号を入力してください。" },
        { "bad phone", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Phone", "12345", "ご本人の電話番号は「03-1234-5678」「090-1234-5678」のように、国内の番号を入力してください。" },
        { "no email for the person", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Email", null, "ご本人のメールアドレスを入力してください（受付のお知らせをお送りします）。" },
        { "bad email", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.Email", "hanako@", "ご本人のメールアドレスの形式が正しくありません。" },
        { "bad member number", RequestFamily.Disclosure, RequesterType.Principal, "Input.Principal.MemberNumber", "会員12", "ご本人の組合員番号は半角英数字（20文字以内）で入力してください。" },
        { "no description", RequestFamily.Disclosure, RequesterType.Principal, "Input.DataDescription", null, "対象となる個人情報の内容を入力してください。" },
        { "no delivery", RequestFamily.Disclosure, RequesterType.Principal, "Input.Delivery", null, "開示の方法を選んでください。" },
        { "no current content", RequestFamily.Correction, RequesterType.Principal, "Input.CurrentContent", null, "現在の（誤っている・削除を求める）内容を入力してください。" },
        { "no correct content", RequestFamily.Correction, RequesterType.Principal, "Input.CorrectContent", null, "正しい内容（訂正後・追加する内容）を入力してください。" },
        { "no stop ground", RequestFamily.StopUse, RequesterType.Principal, "Input.StopGrounds", null, "利用停止等を求める理由を1つ以上選んでください。" },
        { "no ID type", RequestFamily.Disclosure, RequesterType.Principal, "Input.PrincipalDocumentType", null, "ご本人の本人確認書類の種類を選んでください。" },
        { "power of attorney as ID", RequestFamily.Disclosure, RequesterType.Principal, "Input.PrincipalDocumentType", "PowerOfAttorney", "ご本人の本人確認書類は、個人番号カード（表面）、運転免許証、資格確認書、パスポートのいずれかです。" },
        { "lapsed insurance card", RequestFamily.Disclosure, RequesterType.Principal, "Input.PrincipalDocumentType", "HealthInsuranceCard", "健康保険被保険者証は令和7年12月1日で有効期限が切れたため、受け付けられません。ご本人の本人確認書類は、個人番号カード（表面）、運転免許証、資格確認書、パスポートのいずれかです。" },
        { "passport without address proof", RequestFamily.Disclosure, RequesterType.Principal, "Input.PrincipalDocumentType", "Passport", "パスポートには住所の記載がないため、ご本人の住所を確認できる書類（住民票の写し、公共料金の領収書のいずれか）を選んでください。" },
        { "agent's passport without address proof", RequestFamily.Correction, RequesterType.VoluntaryAgent, "Input.AgentAddressProofType", null, "パスポートには住所の記載がないため、代理人の住所を確認できる書類（住民票の写し、公共料金の領収書のいずれか）を選んでください。" },
        { "a passport as address proof", RequestFamily.Correction, RequesterType.VoluntaryAgent, "Input.AgentAddressProofType", "Passport", "パスポートには住所の記載がないため、代理人の住所を確認できる書類（住民票の写し、公共料金の領収書のいずれか）を選んでください。" },
        { "no consent", RequestFamily.Disclosure, RequesterType.Principal, "Input.Consent", null, "記載内容に誤りがないことの確認と、個人情報の取扱いへの同意にチェックしてください。" },
        { "agent without name", RequestFamily.Correction, RequesterType.VoluntaryAgent, "Input.Agent.FullName", null, "任意代理人の氏名を入力してください。" },
        { "agent without email", RequestFamily.Correction, RequesterType.VoluntaryAgent, "Input.Agent.Email", null, "任意代理人のメールアドレスを入力してください（受付のお知らせをお送りします）。" },
        { "representative without phone", RequestFamily.StopUse, RequesterType.LegalRepresentative, "Input.Agent.Phone", null, "法定代理人の電話番号を入力してください。" },
        { "agent with a family register", RequestFamily.Disclosure, RequesterType.VoluntaryAgent, "Input.AuthorityDocumentType", "FamilyRegisterCopy", "任意代理人による請求では、委任状が必要です。" },
        { "representative with a power of attorney", RequestFamily.Disclosure, RequesterType.LegalRepresentative, "Input.AuthorityDocumentType", "PowerOfAttorney", "法定代理人による請求では、戸籍謄本または成年後見登記事項証明書が必要です。" },
        { "agent without ID type", RequestFamily.Disclosure, RequesterType.VoluntaryAgent, "Input.AgentDocumentType", null, "代理人の本人確認書類の種類を選んでください。" },
        { "no issue date", RequestFamily.Disclosure, RequesterType.LegalRepresentative, "Input.AuthorityIssuedOn.Day", null, "戸籍謄本・登記事項証明書の発行日を正しく入力してください。" },
        { "old family register", RequestFamily.Disclosure, RequesterType.LegalRepresentative, "Input.AuthorityIssuedOn.Year", "2020", "戸籍謄本・登記事項証明書は、発行日から3か月以内のものを添付してください。" },
        { "issued in the future", RequestFamily.Disclosure, RequesterType.LegalRepresentative, "Input.AuthorityIssuedOn.Year", "2099", "発行日に未来の日付は入力できません。" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_field_gets_its_message_and_nothing_is_stored(
        string caseName, RequestFamily family, RequesterType requesterType, string field, string? value, string message)
    {
        Assert.False(string.IsNullOrEmpty(caseName));
        var fields = ValidForm.Fields(family, requesterType);
        if (field == "Input.Principal.BirthDate.Month")
        {
            fields["Input.Principal.BirthDate.Day"] = "31";
        }

        if (value is null)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = value;
        }

        var page = await ExpectErrorAsync(family, fields, ValidForm.Files(requesterType), message);

        // What was entered is still there.
        if (field != "Input.Principal.FullName")
        {
            Assert.Equal(ValidForm.PrincipalName, page.QuerySelector("#Input_Principal_FullName")?.GetAttribute("value"));
        }
    }

    public static TheoryData<RequesterType, string, string> MissingDocuments() => new()
    {
        { RequesterType.Principal, "PrincipalDocument", "ご本人の本人確認書類の写しを添付してください。" },
        { RequesterType.VoluntaryAgent, "AuthorityDocument", "委任状を添付してください。" },
        { RequesterType.VoluntaryAgent, "AgentDocument", "代理人の本人確認書類の写しを添付してください。" },
        { RequesterType.LegalRepresentative, "AuthorityDocument", "戸籍謄本または成年後見登記事項証明書を添付してください。" },
        { RequesterType.LegalRepresentative, "PrincipalDocument", "ご本人の本人確認書類の写しを添付してください。" },
    };

    [Theory]
    [MemberData(nameof(MissingDocuments))]
    public async Task The_documents_rule_names_the_missing_document(RequesterType requesterType, string slot, string message)
    {
        var files = ValidForm.Files(requesterType);
        files.Remove(slot);
        var page = await ExpectErrorAsync(RequestFamily.Disclosure, ValidForm.Fields(RequestFamily.Disclosure, requesterType), files, message);
        Assert.NotNull(page.QuerySelector($".pd-error-summary a[href='#{slot}']"));

        // The other uploads were valid and are kept: only the missing one is asked for.
        Assert.Equal(files.Count, page.QuerySelectorAll(".pd-uploaded").Length);
    }

    public static TheoryData<string, string, string> HostileText() => new()
    {
        { "Input.Principal.FullName", "<script>alert(1)</script>", "HTMLタグのような文字列（<script> など）は入力できません。「<」「>」を使わずに入力してください。" },
        { "Input.DataDescription", "利用履歴<img src=x onerror=alert(1)>", "HTMLタグのような文字列（<script> など）は入力できません。「<」「>」を使わずに入力してください。" },
        { "Input.Principal.FullName", "山田'; DROP TABLE \"Requests\"; --", "ご本人の氏名に使用できない文字が含まれています。文字、スペース、「・」「ー」「々」のみ使用できます。" },
        { "Input.Principal.City", "新宿区\u0000\u0007", "制御文字など、入力できない文字が含まれています。" },
        { "Input.DataDescription", new string('あ', 10_000), "2000文字以内で入力してください。" },
        { "Input.Principal.AddressLine", new string('1', 10_000), "200文字以内で入力してください。" },
    };

    [Theory]
    [MemberData(nameof(HostileText))]
    public async Task Hostile_text_gets_a_clear_message_and_nothing_is_stored(string field, string value, string message)
    {
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        fields[field] = value;
        await ExpectErrorAsync(RequestFamily.Disclosure, fields, ValidForm.Files(RequesterType.Principal), message);
    }

    [Fact]
    public async Task A_SQL_fragment_in_free_text_is_stored_as_text_not_run()
    {
        const string Fragment = "'); DELETE FROM \"Requests\"; -- 利用履歴";
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        var receipt = await session.FileAsync(RequestFamily.Disclosure, RequesterType.Principal, f => f["Input.DataDescription"] = Fragment);
        var reference = receipt.QuerySelector("#reference-number")!.TextContent;
        Assert.Equal(before + 1, await app.WithDbAsync(db => db.Requests.CountAsync()));
        Assert.Equal(Fragment, await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.DataDescription).SingleAsync()));
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "text renamed to .jpg", "ファイルの形式が対応していません。JPEG、PNG、PDFのいずれかを添付してください。" },
        { "decompression bomb png", "画像のサイズ（画素数）が大きすぎます" },
        { "pdf with javascript", "PDFにスクリプトが含まれているため受け付けられません" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Hostile_files_are_refused_with_a_clear_message(string kind, string message)
    {
        var upload = kind switch
        {
            "text renamed to .jpg" => new Upload("これは画像ではありません。<script>alert(1)</script>"u8.ToArray(), "photo.jpg", "image/jpeg"),
            "decompression bomb png" => new Upload(SampleFiles.PngBomb(), "bomb.png", "image/png"),
            _ => new Upload(SampleFiles.Pdf(
                catalogEntries: $"/OpenAction {SampleFiles.FirstExtraObject()} 0 R",
                extraObjects: ["<< /S /JavaScript /JS (app.alert('x');) >>"]), "inin.pdf", "application/pdf"),
        };
        var files = ValidForm.Files(RequesterType.Principal);
        files["PrincipalDocument"] = upload;
        var page = await ExpectErrorAsync(RequestFamily.Disclosure, ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal), files, message);
        Assert.Empty(page.QuerySelectorAll(".pd-uploaded"));
        Assert.Equal(0, await app.WithDbAsync(db => db.UploadDrafts.CountAsync(d => d.ContentType == "text/plain")));
    }

    [Fact]
    public async Task A_filled_honeypot_is_refused_and_nothing_is_stored()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var before = await app.WithDbAsync(async db => (await db.Requests.CountAsync(), await db.UploadDrafts.CountAsync()));
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var fields = ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal);
        fields["Input.Website"] = "http://spam.example";
        var (response, _) = await session.ReviewAsync(RequestFamily.Disclosure, form, fields, ValidForm.Files(RequesterType.Principal));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(async db => (await db.Requests.CountAsync(), await db.UploadDrafts.CountAsync())));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = app.Factory.CreateBrowserClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Kinds"] = "Disclosure" });
        using var response = await client.PostAsync(new Uri("/requests/disclosure?handler=Review", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_confirmation_is_not_filed()
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var form = await session.OpenAsync(RequestFamily.Disclosure);
        var (_, confirmation) = await session.ReviewAsync(RequestFamily.Disclosure, form,
            ValidForm.Fields(RequestFamily.Disclosure, RequesterType.Principal), ValidForm.Files(RequesterType.Principal));
        var state = confirmation.QuerySelector("input[name=State]")!;
        state.SetAttribute("value", state.GetAttribute("value")![..^4] + "AAAA");
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        using var response = await session.ConfirmAsync(RequestFamily.Disclosure, confirmation);
        var page = await Html.ParseAsync(response);
        Assert.Contains("入力内容の有効期限が切れたか、内容を確認できませんでした", page.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Requests.CountAsync()));
    }

    private async Task<AngleSharp.Dom.IDocument> ExpectErrorAsync(
        RequestFamily family, Dictionary<string, string> fields, Dictionary<string, Upload> files, string message)
    {
        var session = new MemberSession(app.Factory.CreateBrowserClient());
        var before = await app.WithDbAsync(db => db.Requests.CountAsync());
        var form = await session.OpenAsync(family);
        var (response, page) = await session.ReviewAsync(family, form, fields, files);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = page.QuerySelector(".pd-error-summary");
        Assert.NotNull(summary);
        Assert.Contains(message, summary.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll(".pd-error"), e => e.TextContent.Contains(message, StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("input[name=State]"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Requests.CountAsync()));
        return page;
    }
}

public sealed class ValidationTestsOnSqlite(SqliteFormFixture app) : ValidationTests(app), IClassFixture<SqliteFormFixture>;

[Trait("Provider", "Postgres")]
public sealed class ValidationTestsOnPostgres(PostgresFormFixture app) : ValidationTests(app), IClassFixture<PostgresFormFixture>;
