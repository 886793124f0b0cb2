using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.ProvisionRecords;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Pages.Staff.ThirdPartyRecords;
using PrivacyDesk.Web.Retention;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Letters;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.ThirdPartyRecords;

/// <summary>
/// The register of third-party provision records (APPI Arts. 29-30, ADR 0020) through its pages and command: CSV import
/// (good file, bad row, same file twice, Shift_JIS), refusal of 委託 and 共同利用, matching to a requester on the
/// decision page with the letters printing exactly what was selected, and the purge after the retention period.
/// </summary>
public abstract class ThirdPartyRecordsTests(AppFixture app)
{
    private const string Header = "区分,提供日,提供終了日,相手方の名称,相手方の住所,代表者の氏名,法人,組合員番号,本人の氏名,本人のフリガナ,本人の生年月日,個人データの項目,根拠,取得の経緯,契約書等,備考";

    private static string Row(string category = "提供", string date = "2026-04-01", string recipient = "株式会社みらい損害保険", string member = "",
        string name = "佐藤 一郎", string kana = "サトウ イチロウ", string born = "1970-01-02", string items = "氏名、住所", string basis = "同意",
        string until = "", string contract = "いいえ", string acquisition = "", string note = "") =>
        $"{category},{date},{until},{recipient},東京都千代田区丸の内1-1-1,見本 一郎,はい,{member},{name},{kana},{born},\"{items}\",{basis},{acquisition},{contract},{note}";

    /// <summary>The host's register is shared by the class's tests: each test tags its rows (備考) and counts only those.</summary>
    private static string Tag() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static byte[] Utf8(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\n" + string.Join("\n", rows) + "\n");

    private static async Task<(HttpStatusCode Status, IDocument Page)> ImportAsync(HttpClient client, byte[] file)
    {
        var form = await client.GetDocumentAsync("/staff/third-party-records/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(form.AntiforgeryToken()), "__RequestVerificationToken");
        var upload = new ByteArrayContent(file);
        upload.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(upload, "Upload", "records.csv");
        using var response = await client.PostAsync(new Uri("/staff/third-party-records/import", UriKind.Relative), content);
        return (response.StatusCode, await Html.ParseAsync(response));
    }

    private Task<int> CountAsync(string tag) => app.WithDbAsync(db => db.ProvisionRecords.CountAsync(r => r.Note == tag));

    [Fact]
    public async Task A_good_file_is_imported_and_the_same_file_twice_adds_nothing()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var tag = Tag();
        var file = Utf8(Row(member: "55501234", note: tag), Row(category: "受領", recipient: "生活協同組合みらい", acquisition: "組合員加入時に本人から取得", name: "鈴木 花子", kana: "スズキ ハナコ", note: tag),
            Row(date: "2025-10-01", until: "2026-03-31", items: "氏名、共済の加入状況", note: tag));

        var (status, page) = await ImportAsync(staff.Client, file);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(page.QuerySelector("#error-summary"));
        Assert.Contains("3件のうち3件の記録を取り込みました", page.QuerySelector("#import-summary")!.TextContent, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.ProvisionRecords.AsNoTracking().Where(r => r.Note == tag).OrderBy(r => r.ProvidedOn).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.Equal(new DateOnly(2026, 3, 31), stored[0].ProvidedUntil);
        Assert.Equal(ProvisionDirection.Received, stored.Single(r => r.PersonName == "鈴木 花子").Direction);
        Assert.Equal("組合員加入時に本人から取得", stored.Single(r => r.PersonName == "鈴木 花子").Acquisition);

        var (_, again) = await ImportAsync(staff.Client, file);
        Assert.Contains("3件のうち0件の記録を取り込みました。取込済みの3件は除外しました。", again.QuerySelector("#import-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(tag));
        var imports = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.ProvisionRecordsImported).Select(e => e.Details).ToListAsync());
        Assert.Contains(imports, d => d!.Contains("\"added\":3", StringComparison.Ordinal));
        Assert.Contains(imports, d => d!.Contains("\"added\":0", StringComparison.Ordinal) && d.Contains("\"alreadyRecorded\":3", StringComparison.Ordinal));
        Assert.All(imports, d => Assert.DoesNotContain("佐藤", d!, StringComparison.Ordinal));

        // The register shows them, and showing them is a read of personal data.
        var list = await staff.Client.GetDocumentAsync("/staff/third-party-records?q=スズキ");
        Assert.Contains(list.QuerySelectorAll("#records tbody tr"), r => r.TextContent.Contains("鈴木 花子", StringComparison.Ordinal));
        Assert.DoesNotContain(list.QuerySelectorAll("#records tbody tr"), r => r.TextContent.Contains("佐藤 一郎", StringComparison.Ordinal));
        Assert.Contains(AuditActions.ProvisionRecordsViewed, await app.WithDbAsync(db => db.AuditEvents.Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_file_with_its_row_and_reason_in_Japanese()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var tag = Tag();
        var (status, page) = await ImportAsync(staff.Client, Utf8(Row(note: tag), Row(date: "2026/13/45", note: tag), Row(recipient: "別の会社", note: tag)));

        Assert.Equal(HttpStatusCode.OK, status);
        var error = page.QuerySelector("#import-error")!.TextContent;
        Assert.Contains("3行目：提供日「2026/13/45」を日付として読めません", error, StringComparison.Ordinal);
        Assert.Contains("何も保存していません", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tag));

        var (_, corporation) = await ImportAsync(staff.Client, Encoding.UTF8.GetBytes(Header + "\n" + Row(note: tag).Replace("東京都千代田区丸の内1-1-1", string.Empty, StringComparison.Ordinal) + "\n"));
        Assert.Contains("2行目：相手方が法人の場合は、住所と代表者の氏名が必要です。", corporation.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task A_Shift_JIS_file_is_read_with_its_Japanese_intact()
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var tag = Tag();
        var file = PrivacyDesk.Domain.Fees.BankFiles.ZenginFile.ShiftJis.GetBytes(Header + "\r\n" + Row(name: "髙橋 美紀", kana: "タカハシ ミキ", note: tag) + "\r\n");

        var (_, page) = await ImportAsync(staff.Client, file);

        Assert.Null(page.QuerySelector("#error-summary"));
        var record = await app.WithDbAsync(db => db.ProvisionRecords.AsNoTracking().SingleAsync(r => r.Note == tag));
        Assert.Equal("髙橋 美紀", record.PersonName);
        Assert.Equal("タカハシミキ", record.SearchKana);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.ProvisionRecordsImported).Select(e => e.Details!).ToListAsync()),
            d => d.Contains("shift_jis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("委託", "第27条第5項第1号")]
    [InlineData("共同利用", "第27条第5項第3号")]
    [InlineData("事業承継", "第27条第5項第2号")]
    public async Task Outsourcing_shared_use_and_succession_are_refused_saying_why_they_need_no_record(string category, string article)
    {
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var tag = Tag();
        var (_, page) = await ImportAsync(staff.Client, Utf8(Row(note: tag), Row(category: category, recipient: "生活クラブ共済連", note: tag)));

        var error = page.QuerySelector("#import-error")!.TextContent;
        Assert.Contains("3行目：", error, StringComparison.Ordinal);
        Assert.Contains("第三者提供に当たらないため", error, StringComparison.Ordinal);
        Assert.Contains(article, error, StringComparison.Ordinal);
        Assert.Contains("第三者提供記録は作成しません", error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tag));

        // The same word in the basis column is refused the same way.
        var (_, basis) = await ImportAsync(staff.Client, Utf8(Row(basis: category, note: tag)));
        Assert.Contains(article, basis.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(tag));
    }

    [Fact]
    public async Task The_command_imports_a_file_and_refuses_a_bad_one_storing_nothing()
    {
        var command = AdminCommands.Commands.Single(c => c.Name == "import-provision-records");
        var good = Path.Combine(Path.GetTempPath(), $"pd-records-{Guid.NewGuid():N}.csv");
        var bad = Path.Combine(Path.GetTempPath(), $"pd-records-{Guid.NewGuid():N}.csv");
        var tag = Tag();
        await File.WriteAllBytesAsync(good, Utf8(Row(note: tag), Row(recipient: "別の会社", note: tag)));
        await File.WriteAllBytesAsync(bad, Utf8(Row(recipient: "三番目の会社", note: tag), Row(category: "委託", note: tag)));
        try
        {
            Assert.Equal(0, await app.WithScopeAndReturnAsync(s => command.ExecuteAsync(s, [good], CancellationToken.None)));
            Assert.Equal(0, await app.WithScopeAndReturnAsync(s => command.ExecuteAsync(s, [good], CancellationToken.None)));
            Assert.Equal(2, await CountAsync(tag));
            Assert.Equal(1, await app.WithScopeAndReturnAsync(s => command.ExecuteAsync(s, [bad], CancellationToken.None)));
            Assert.Equal(2, await CountAsync(tag));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task The_decision_lists_the_requesters_records_and_each_letter_prints_only_its_own_content()
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);

        // By member number (12345678); by kana and birth date with no member number (やまだ はなこ, 1980-04-01, written
        // differently); someone else with the same kana but another birth date; one the staff will not select.
        var tag = Tag();
        await ImportAsync(staff.Client, Utf8(
            Row(member: "12345678", name: "山田 花子", kana: "ヤマダ ハナコ", recipient: "株式会社みらい損害保険", items: "氏名、電話番号", note: tag),
            Row(member: "", name: "山田 花子", kana: "やまだ　はなこ", born: "1980-04-01", recipient: "ひかり共済株式会社", items: "氏名、生年月日", note: tag),
            Row(member: "", name: "山田 花子", kana: "ヤマダ ハナコ", born: "1991-09-09", recipient: "他人の提供先株式会社", note: tag),
            Row(member: "12345678", name: "山田 花子", kana: "ヤマダ ハナコ", date: "2026-05-01", recipient: "選ばない商事株式会社", note: tag)));
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await PayAsync(staff.Client, id));

        var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/decision");
        var listed = page.QuerySelectorAll("#records-ThirdPartyProvisionRecordDisclosure label").Select(l => l.TextContent).ToArray();
        Assert.Contains(listed, l => l.Contains("選ばない商事株式会社", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.Contains("株式会社みらい損害保険", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.Contains("ひかり共済株式会社", StringComparison.Ordinal));
        Assert.DoesNotContain(listed, l => l.Contains("他人の提供先", StringComparison.Ordinal));

        var records = await app.WithDbAsync(db => db.ProvisionRecords.AsNoTracking().Where(r => r.Note == tag).ToListAsync());
        var chosen = records.Where(r => r.CounterpartyName is "株式会社みらい損害保険" or "ひかり共済株式会社").Select(r => r.Id.ToString()).ToArray();
        var stranger = records.Single(r => r.CounterpartyName == "他人の提供先株式会社").Id.ToString();

        // A crafted post naming someone else's record is refused at the field and stores nothing.
        var version = await VersionAsync(app, id);
        using (var crafted = await DecideAsync(staff.Client, id, kind => kind switch
               {
                   RequestKind.ThirdPartyProvisionRecordDisclosure => [("Outcome", "FullDisclosure"), ("ProvisionRecordIds", stranger)],
                   _ => [("Outcome", "FullDisclosure")],
               }, disclosedContent: "組合員登録：山田 花子"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, crafted.StatusCode);
            Assert.Contains("この請求者の第三者提供記録ではありません", (await Html.ParseAsync(crafted)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(version, await VersionAsync(app, id));
        }

        Redirected(await DecideAsync(staff.Client, id, kind => kind switch
        {
            RequestKind.ThirdPartyProvisionRecordDisclosure => [("Outcome", "FullDisclosure"), .. chosen.Select(c => ("ProvisionRecordIds", c))],
            _ => [("Outcome", "FullDisclosure")],
        }, disclosedContent: "会員歴：満11年（2015年4月加入）\n注文記録：ZX-0042ほか2025年度分"));
        Redirected(await ApproveAsync(supervisor.Client, id));

        var decision = await app.WithDbAsync(db => db.Decisions.Include(d => d.Outcomes).AsNoTracking().SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id));
        Assert.Equal(chosen.Order(), decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure).ProvisionRecordIds.Select(g => g.ToString()).Order());

        var data = await PreviewAsync(staff.Client, id, "disclosure-decision");
        Assert.Contains("満11年（2015年4月加入）", data, StringComparison.Ordinal);
        Assert.Contains("ZX-0042ほか2025年度分", data, StringComparison.Ordinal);
        Assert.DoesNotContain("みらい損害保険", data, StringComparison.Ordinal);
        Assert.DoesNotContain("開示する第三者提供記録", data, StringComparison.Ordinal);

        var recordsLetter = await PreviewAsync(staff.Client, id, "third-party-records");
        Assert.Contains("株式会社みらい損害保険", recordsLetter, StringComparison.Ordinal);
        Assert.Contains("ひかり共済株式会社", recordsLetter, StringComparison.Ordinal);
        Assert.Contains("本人の同意", recordsLetter, StringComparison.Ordinal);
        Assert.DoesNotContain("選ばない商事", recordsLetter, StringComparison.Ordinal);
        Assert.DoesNotContain("他人の提供先", recordsLetter, StringComparison.Ordinal);
        Assert.DoesNotContain("満11年", recordsLetter, StringComparison.Ordinal);
        Assert.DoesNotContain("ZX-0042", recordsLetter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_migrated_from_one_shared_text_is_flagged_and_its_records_letter_waits()
    {
        var (id, reference) = await FileAsync(app, RequestFamily.Disclosure);
        await RecordProvisionAsync(app);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await PayAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "FullDisclosure")], disclosedContent: "組合員登録：山田 花子"));
        Redirected(await ApproveAsync(supervisor.Client, id));

        // What the migration's backfill leaves on a records outcome of a decision that had one shared text.
        await app.WithDbAsync(async db =>
        {
            var decision = await db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id);
            var records = decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);
            typeof(KindDecision).GetProperty(nameof(KindDecision.ContentNeedsReview))!.SetValue(records, true);
            return await db.SaveChangesAsync();
        });

        var register = await staff.Client.GetDocumentAsync("/staff/third-party-records");
        Assert.Contains(reference, register.QuerySelector("#needs-review")!.TextContent, StringComparison.Ordinal);
        var decisionPage = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/decision");
        Assert.Contains("第三者提供記録の開示する内容を確認してください", decisionPage.QuerySelector("#content-review")!.TextContent, StringComparison.Ordinal);
        var letters = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/letters");
        Assert.Contains("開示する第三者提供記録の内容の確認が必要です", letters.Text(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Leaves a decided, approved request (both kinds disclosed) as the migration's backfill leaves a decision that had
    /// one shared text: the records outcome flagged, its content that personal-data text.
    /// </summary>
    private const string SharedText = "組合員登録：山田 花子（旧共有テキスト）\n共同購入の利用履歴：2025年度分（旧共有テキスト）";

    private async Task<(Guid Id, HttpClient Staff, HttpClient Supervisor, IDisposable Sessions)> FlaggedApprovedAsync(string sharedText)
    {
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await PayAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "FullDisclosure")], disclosedContent: sharedText));
        Redirected(await ApproveAsync(supervisor.Client, id));
        await app.WithDbAsync(async db =>
        {
            var decision = await db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id);
            var records = decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure);
            typeof(KindDecision).GetProperty(nameof(KindDecision.ContentNeedsReview))!.SetValue(records, true);
            typeof(KindDecision).GetProperty(nameof(KindDecision.Content))!.SetValue(records, sharedText);
            return await db.SaveChangesAsync();
        });
        return (id, staff.Client, supervisor.Client, new Sessions(staff, supervisor));
    }

    private sealed class Sessions(params IDisposable[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var one in all)
            {
                one.Dispose();
            }
        }
    }

    private static async Task<HttpResponseMessage> RestateAsync(HttpClient client, Guid id, IEnumerable<string> recordIds, string reason = "移行した決定の第三者提供記録を登録簿から選び直す", bool noRecord = false)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/decision");
        return await PostAsync(client, $"/staff/requests/{id}/decision?handler=Restate", page, "#restate-form",
            [.. recordIds.Select(r => F("Restate.ProvisionRecordIds", r)), F("Restate.Reason", reason), .. noRecord ? [F("Restate.NoRecord", "true"), F("Restate.MemberReason", "記録はありませんでした。")] : Array.Empty<KeyValuePair<string, string>>()]);
    }

    private static async Task<HttpResponseMessage> IssueAsync(HttpClient client, Guid id, string kind)
    {
        var page = await client.GetDocumentAsync($"/staff/requests/{id}/letters");
        var form = page.QuerySelectorAll("form.pd-letter-issue").FirstOrDefault(f => f.QuerySelector("input[name=kind]")!.GetAttribute("value") == kind);
        Assert.NotNull(form);
        using var content = new FormUrlEncodedContent(
        [
            F("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? page.AntiforgeryToken()),
            F("kind", kind),
            F("version", form.QuerySelector("input[name=version]")!.GetAttribute("value")!),
        ]);
        return await client.PostAsync(new Uri($"/staff/requests/{id}/letters?handler=Issue", UriKind.Relative), content);
    }

    [Fact]
    public async Task An_approved_migrated_decision_is_restated_from_the_register_approved_by_a_second_person_and_its_letter_prints_exactly_those_records()
    {
        await RecordProvisionAsync(app, recipient: "再記載テスト商事株式会社", items: "氏名、購入履歴");
        var (id, staff, supervisor, sessions) = await FlaggedApprovedAsync(SharedText);
        using var _ = sessions;

        // Blocked, saying why, with the way forward.
        var letters = await staff.GetDocumentAsync($"/staff/requests/{id}/letters");
        var row = letters.QuerySelector("tr[data-kind='third-party-records']")!;
        Assert.Contains("確認が必要です", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("form.pd-letter-issue"));
        Assert.Equal($"/staff/requests/{id}/decision#restate", row.QuerySelector("#restate-link")!.GetAttribute("href"));

        // An auditor reads the letters page but can neither open the restatement nor post it.
        using (var auditor = await StaffSignIn.SignInAsync(app, StaffRoles.Auditor))
        {
            using var denied = await auditor.Client.GetAsync(new Uri($"/staff/requests/{id}/decision", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/staff/account/access-denied", StaffSignIn.Location(denied), StringComparison.Ordinal);
            var readable = await auditor.Client.GetDocumentAsync($"/staff/requests/{id}/letters");
            var before = await VersionAsync(app, id);
            using var posted = await PostAsync(auditor.Client, $"/staff/requests/{id}/decision?handler=Restate", readable, "body",
                [F("Version", before.ToString(System.Globalization.CultureInfo.InvariantCulture)), F("Restate.NoRecord", "true"), F("Restate.MemberReason", "なし"), F("Restate.Reason", "監査人から")]);
            Assert.Contains("/staff/account/access-denied", StaffSignIn.Location(posted) ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal(before, await VersionAsync(app, id));
        }

        var page = await staff.GetDocumentAsync($"/staff/requests/{id}/decision");
        var chosen = page.QuerySelectorAll("#restate-records label")
            .Where(l => l.TextContent.Contains("再記載テスト商事株式会社", StringComparison.Ordinal))
            .Select(l => l.GetAttribute("for")!["restate-record-".Length..]).ToArray();
        Assert.Single(chosen);

        // Neither records nor 該当なし: refused at the field, nothing stored.
        var version = await VersionAsync(app, id);
        using (var neither = await RestateAsync(staff, id, []))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, neither.StatusCode);
            Assert.Contains("該当する記録なし", (await Html.ParseAsync(neither)).QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        }

        // A colleague's change after the page was shown: 409, nothing stored.
        var stale = await staff.GetDocumentAsync($"/staff/requests/{id}/decision");
        await app.WithDbAsync(async db =>
        {
            (await db.Requests.SingleAsync(r => r.Id == id)).BumpVersion();
            return await db.SaveChangesAsync();
        });
        var bumped = await VersionAsync(app, id);
        Assert.True(bumped > version);
        using (var conflict = await PostAsync(staff, $"/staff/requests/{id}/decision?handler=Restate", stale, "#restate-form",
                   [F("Restate.ProvisionRecordIds", chosen[0]), F("Restate.Reason", "古い画面から")]))
        {
            Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        }

        Assert.Equal(bumped, await VersionAsync(app, id));
        Assert.True(await app.WithDbAsync(db => db.Decisions.Where(d => EF.Property<Guid>(d, "RequestId") == id)
            .SelectMany(d => d.Outcomes).AnyAsync(o => o.ContentNeedsReview)));

        Redirected(await RestateAsync(staff, id, chosen), $"/staff/requests/{id}/letters");

        // Four-eyes: the restatement waits for a supervisor other than the restater.
        letters = await staff.GetDocumentAsync($"/staff/requests/{id}/letters");
        row = letters.QuerySelector("tr[data-kind='third-party-records']")!;
        Assert.Contains("承認を待っています", row.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector("form.pd-letter-issue"));

        // The supervisor finds it on 承認待ち, in its own list (the decision itself was approved long ago), with a link to
        // the approval page's restatement form.
        var reference = await app.WithDbAsync(db => db.Requests.Where(r => r.Id == id).Select(r => r.ReferenceNumber).SingleAsync());
        var approvals = await supervisor.GetDocumentAsync("/staff/approvals");
        Assert.Null(approvals.QuerySelector($"#approvals tr[data-reference='{reference}']"));
        var waiting = approvals.QuerySelector($"#restatements tr[data-reference='{reference}']");
        Assert.NotNull(waiting);
        Assert.Equal($"/staff/requests/{id}/approval#approve-restatement-form", waiting.QuerySelector("a.pd-button")!.GetAttribute("href"));
        Assert.DoesNotContain("—", waiting.QuerySelectorAll("td")[1].TextContent, StringComparison.Ordinal);

        var approval = await supervisor.GetDocumentAsync($"/staff/requests/{id}/approval");
        Redirected(await PostAsync(supervisor, $"/staff/requests/{id}/approval?handler=ApproveRestatement", approval, "#approve-restatement-form", []));
        Assert.Null((await supervisor.GetDocumentAsync("/staff/approvals")).QuerySelector($"#restatements tr[data-reference='{reference}']"));

        var outcome = await app.WithDbAsync(db => db.Decisions.Where(d => EF.Property<Guid>(d, "RequestId") == id)
            .SelectMany(d => d.Outcomes).AsNoTracking().SingleAsync(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure));
        Assert.False(outcome.ContentNeedsReview);
        Assert.Equal([Guid.Parse(chosen[0])], outcome.ProvisionRecordIds);
        Assert.Equal(SharedText, outcome.RestatedFromContent);
        Assert.Equal("移行した決定の第三者提供記録を登録簿から選び直す", outcome.RestatementReason);
        Assert.NotNull(outcome.RestatedBy);
        Assert.NotNull(outcome.RestatementApprovedBy);
        Assert.NotEqual(outcome.RestatedBy, outcome.RestatementApprovedBy);

        // The decision page shows what was stated before.
        Assert.Contains("旧共有テキスト", (await staff.GetDocumentAsync($"/staff/requests/{id}/decision")).QuerySelector("#restated-from")!.TextContent, StringComparison.Ordinal);

        Assert.Contains("third-party-records", await IssueResultLettersAsync(app, staff, id));
        var letter = await app.WithDbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.RequestId == id && l.Kind == "third-party-records"));
        using var pdf = await staff.GetAsync(new Uri($"/staff/requests/{id}/letters?handler=Issued&letterId={letter.Id}", UriKind.Relative));
        var text = LetterPdf.Text(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("再記載テスト商事株式会社", text, StringComparison.Ordinal);
        Assert.Contains("購入履歴", text, StringComparison.Ordinal);
        // The member's own description of the request (開示の対象) mentions 組合員登録; the old text itself is gone.
        Assert.DoesNotContain("旧共有テキスト", text, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社みらい損害保険", text, StringComparison.Ordinal);

        var actions = await ActionsAsync(app, id);
        Assert.Contains(AuditActions.RecordsContentRestated, actions);
        Assert.Contains(AuditActions.RecordsRestatementApproved, actions);
        var details = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.RequestId == id && e.Action == AuditActions.RecordsContentRestated).Select(e => e.Details!).SingleAsync());
        Assert.Contains(chosen[0], details, StringComparison.Ordinal);
        Assert.Contains("previousContentSha256", details, StringComparison.Ordinal);
        Assert.DoesNotContain("山田", details, StringComparison.Ordinal);
        Assert.DoesNotContain("旧共有テキスト", details, StringComparison.Ordinal);
        Assert.True((await PrivacyDesk.Web.Tests.Audit.AuditDatabase.VerifyAsync(app)).IsWhole);
    }

    [Fact]
    public async Task A_restatement_is_refused_once_the_records_letter_was_issued()
    {
        await RecordProvisionAsync(app);
        var (id, _) = await FileAsync(app, RequestFamily.Disclosure);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        using var supervisor = await StaffSignIn.SignInAsync(app, StaffRoles.Supervisor);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await PayAsync(staff.Client, id));
        Redirected(await DecideAsync(staff.Client, id, _ => [("Outcome", "FullDisclosure")], disclosedContent: "組合員登録：山田 花子"));
        Redirected(await ApproveAsync(supervisor.Client, id));

        // The records letter went out before the migration flagged the decision (the personal data's letter not yet).
        using (var issued = await IssueAsync(staff.Client, id, "third-party-records"))
        {
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        }

        await app.WithDbAsync(async db =>
        {
            var decision = await db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id);
            typeof(KindDecision).GetProperty(nameof(KindDecision.ContentNeedsReview))!.SetValue(decision.Outcomes.Single(o => o.Kind == RequestKind.ThirdPartyProvisionRecordDisclosure), true);
            return await db.SaveChangesAsync();
        });
        var version = await VersionAsync(app, id);

        using var refused = await RestateAsync(staff.Client, id, [], noRecord: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("通知書は発行済みのため、再記載できません", (await Html.ParseAsync(refused)).QuerySelector("#error-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync(app, id));
        Assert.DoesNotContain(AuditActions.RecordsContentRestated, await ActionsAsync(app, id));
    }

    [Fact]
    public async Task Records_past_their_retention_are_purged_to_a_tombstone_with_an_audit_event()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        var tag = Tag();
        await ImportAsync(staff.Client, Utf8(
            Row(date: D(today.AddYears(-3).AddDays(-2)), recipient: "三年を過ぎた会社", note: tag),
            Row(date: D(today.AddYears(-3).AddDays(5)), recipient: "三年以内の会社", note: tag),
            Row(date: D(today.AddYears(-4)), until: D(today.AddYears(-2)), recipient: "継続提供の会社", note: tag),
            Row(date: D(today.AddYears(-1).AddDays(-2)), contract: "はい", recipient: "契約書一年を過ぎた会社", note: tag),
            Row(date: D(today.AddMonths(-6)), contract: "はい", recipient: "契約書一年以内の会社", note: tag)));
        var ids = await app.WithDbAsync(db => db.ProvisionRecords.Where(r => r.Note == tag).Select(r => r.Id).ToListAsync());
        Assert.Equal(5, ids.Count);

        var result = await app.WithScopeAndReturnAsync(s => s.GetRequiredService<RetentionPurger>().PurgeAsync());

        Assert.True(result.ProvisionRecordsPurged >= 2);
        var all = await app.WithDbAsync(db => db.ProvisionRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync());
        Assert.Equal(5, all.Count);
        var purged = all.Where(r => r.PurgedAt is not null).ToList();
        Assert.Equal(2, purged.Count);
        Assert.All(purged, r =>
        {
            Assert.Equal(string.Empty, r.PersonName);
            Assert.Equal(string.Empty, r.CounterpartyName);
            Assert.Null(r.PersonBirthDate);
            Assert.Null(r.MemberNumber);
        });
        Assert.Equal(["三年以内の会社", "契約書一年以内の会社", "継続提供の会社"], all.Where(r => r.PurgedAt is null).Select(r => r.CounterpartyName).Order());
        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == AuditActions.ProvisionRecordPurged).Select(e => e.Details!).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(purged, r => Assert.Contains(events, e => e.Contains(r.Id.ToString(), StringComparison.Ordinal)));
        Assert.True((await PrivacyDesk.Web.Tests.Audit.AuditDatabase.VerifyAsync(app)).IsWhole);

        // Again: nothing left to purge.
        Assert.Equal(0, (await app.WithScopeAndReturnAsync(s => s.GetRequiredService<RetentionPurger>().PurgeAsync())).ProvisionRecordsPurged);
    }

    private static async Task<string> PreviewAsync(HttpClient client, Guid id, string kind)
    {
        using var response = await client.GetAsync(new Uri($"/staff/requests/{id}/letters?handler=Preview&kind={kind}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return LetterPdf.Text(await response.Content.ReadAsByteArrayAsync());
    }
}

public sealed class ThirdPartyRecordsTestsOnSqlite(StaffSqliteAppFixture app) : ThirdPartyRecordsTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class ThirdPartyRecordsTestsOnPostgres(StaffPostgresAppFixture app) : ThirdPartyRecordsTests(app), IClassFixture<StaffPostgresAppFixture>;
