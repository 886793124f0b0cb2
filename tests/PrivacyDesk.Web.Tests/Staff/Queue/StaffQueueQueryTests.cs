using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Data.Migrations;
using PrivacyDesk.Web.Data.Providers;
using PrivacyDesk.Web.Pages.Staff.Queue;
using PrivacyDesk.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace PrivacyDesk.Web.Tests.Staff.Queue;

/// <summary>
/// The staff queue's query on each provider. Every test assigns its own requests to a fresh staff id and asks for that
/// assignee, so the tests of a class share one database without seeing each other's rows.
/// </summary>
public abstract class StaffQueueQueryTests(AppFixture app)
{
    /// <summary>Sunday 29 November 2026, 12:00 JST.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Birth = new(1980, 4, 1);

    protected AppFixture App => app;

    private static string NewTag() => "queue-test-" + Guid.NewGuid().ToString("N")[..12];

    private Task<QueuePage> PageAsync(QueueFilter filter, string? cursor = null) =>
        app.WithDbAsync(db => new StaffQueueQuery(db, new FakeTimeProvider(Now), Options.Create(new StaffQueueOptions()))
            .GetPageAsync(filter, cursor));

    private async Task<List<QueueRow>> AllAsync(QueueFilter filter)
    {
        var rows = new List<QueueRow>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(filter, cursor);
            rows.AddRange(page.Rows);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return rows;
    }

    private async Task<PrivacyRequest> NewAsync(
        string tag,
        DateTimeOffset receivedAt,
        RequestFamily family = RequestFamily.Correction,
        RequestKind[]? kinds = null,
        Channel channel = Channel.Online,
        string name = "田中 一郎",
        string kana = "タナカ イチロウ",
        DateOnly? birth = null)
    {
        var reference = await app.WithDbAsync(db => new ReferenceNumberAllocator(db).NextAsync(receivedAt));
        var principal = new Person(PartyRole.Principal, name, kana, birth ?? Birth, "160-0022", "東京都", "新宿区新宿", "6-24-20",
            "03-5285-1771", null);
        var details = family switch
        {
            RequestFamily.Disclosure => new RequestDetails("登録情報", Delivery: DeliveryMethod.Electronic),
            RequestFamily.Correction => new RequestDetails("登録住所", "旧住所", "新住所"),
            _ => new RequestDetails("案内の送付", StopGrounds: [StopUseGround.NoLongerNeeded]),
        };
        kinds ??= [RequestKinds.Of(family)[0]];
        var request = new PrivacyRequest(reference, AccessToken.Hash(AccessToken.Create()), family, kinds, channel, RequesterType.Principal,
            principal, null, details, receivedAt, new FeePolicy(), new DeadlineClock(), PrivacyRequest.MemberActor, Now);
        request.AttachDocument(new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence, "image/jpeg", 1000,
            new string('a', 64), receivedAt, null));
        request.AssignTo(tag, "supervisor", receivedAt);
        return request;
    }

    private Task<int> SaveAsync(params PrivacyRequest[] requests) => app.WithDbAsync(async db =>
    {
        db.Requests.AddRange(requests);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Rows_are_sorted_by_due_instant_then_id_with_paused_requests_last_and_paged_without_gaps_or_repeats()
    {
        var tag = NewTag();
        var requests = new List<PrivacyRequest>();
        for (var i = 0; i < 9; i++)
        {
            // Three pairs share a receipt instant (so a DueAt), to exercise the Id tie-break across page edges.
            requests.Add(await NewAsync(tag, Now.AddDays(-(i / 2) - 1).AddMinutes(-7 * (i % 5))));
        }

        for (var i = 0; i < 3; i++)
        {
            var paused = await NewAsync(tag, Now.AddDays(-3), RequestFamily.Disclosure);
            paused.StartIdentityCheck("staff", Now.AddDays(-3).AddHours(1));
            paused.AcceptIdentity("staff", Now.AddDays(-2).AddMinutes(i), IdentityChecklist.For(paused.RequesterType));
            requests.Add(paused);
        }

        await SaveAsync([.. requests]);

        foreach (var pageSize in new[] { 1, 2, 4, 5, 50 })
        {
            var rows = await AllAsync(new QueueFilter { AssignedTo = tag, PageSize = pageSize });
            Assert.Equal(12, rows.Count);
            Assert.Equal(12, rows.Select(r => r.Id).Distinct().Count());

            var dated = requests.Where(r => r.DueAt is not null).ToList();
            Assert.Equal(9, dated.Count);
            var firstNine = rows.Take(9).Select(r => r.Id).ToList();
            var expectedDueOrder = dated.OrderBy(r => r.DueAt).Select(r => r.DueAt).ToList();
            Assert.Equal(expectedDueOrder, firstNine.Select(id => requests.Single(r => r.Id == id).DueAt).ToList());
            Assert.All(rows.Skip(9), r => Assert.Equal(RequestStatus.AwaitingFee, r.Status));
            Assert.All(rows.Skip(9), r => Assert.Null(r.DueDate));
            Assert.All(rows.Skip(9), r => Assert.Null(r.DaysLeft));
        }
    }

    [Fact]
    public async Task The_due_date_days_left_and_overdue_flag_follow_the_deadline_clock()
    {
        var tag = NewTag();
        var late = await NewAsync(tag, new DateTimeOffset(2026, 11, 9, 1, 0, 0, TimeSpan.Zero)); // due 23 Nov JST
        late.StartIdentityCheck("staff", new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));
        var fresh = await NewAsync(tag, new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)); // due 11 Dec JST
        var answeredLate = await NewAsync(tag, new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero));
        answeredLate.StartIdentityCheck("staff", new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        answeredLate.AcceptIdentity("staff", new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero), IdentityChecklist.For(answeredLate.RequesterType));
        // Received 1 Nov (JST), so due 15 Nov; decided on the 20th, approved at once, letter out on the 21st: answered
        // late, not overdue. (Decided alone would still count: ADR 0016.)
        answeredLate.Decide(new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を訂正しました。")], "staff",
            new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero)), requiresApproval: false);
        answeredLate.Close("staff", new DateTimeOffset(2026, 11, 21, 1, 0, 0, TimeSpan.Zero));
        await SaveAsync(late, fresh, answeredLate);

        var rows = (await PageAsync(new QueueFilter { AssignedTo = tag, IncludeEnded = true })).Rows;
        Assert.Equal([answeredLate.Id, late.Id, fresh.Id], rows.Select(r => r.Id));

        var lateRow = rows.Single(r => r.Id == late.Id);
        Assert.Equal(new DateOnly(2026, 11, 23), lateRow.DueDate);
        Assert.Equal(-6, lateRow.DaysLeft);
        Assert.True(lateRow.IsOverdue);

        var freshRow = rows.Single(r => r.Id == fresh.Id);
        Assert.Equal(new DateOnly(2026, 12, 11), freshRow.DueDate);
        Assert.Equal(12, freshRow.DaysLeft);
        Assert.False(freshRow.IsOverdue);

        Assert.False(rows.Single(r => r.Id == answeredLate.Id).IsOverdue);

        var overdue = (await PageAsync(new QueueFilter { AssignedTo = tag, OverdueOnly = true })).Rows;
        Assert.Equal([late.Id], overdue.Select(r => r.Id));
    }

    [Fact]
    public async Task Family_channel_and_status_filters_narrow_the_queue()
    {
        var tag = NewTag();
        var disclosure = await NewAsync(tag, Now.AddDays(-1), RequestFamily.Disclosure);
        var correctionByPost = await NewAsync(tag, Now.AddDays(-2), RequestFamily.Correction, channel: Channel.Post);
        var stopUse = await NewAsync(tag, Now.AddDays(-3), RequestFamily.StopUse);
        stopUse.StartIdentityCheck("staff", Now.AddDays(-2));
        var other = await NewAsync(NewTag(), Now.AddDays(-1), RequestFamily.Disclosure);
        await SaveAsync(disclosure, correctionByPost, stopUse, other);

        Assert.Equal([disclosure.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Family = RequestFamily.Disclosure })).Rows.Select(r => r.Id));
        Assert.Equal([correctionByPost.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Channel = Channel.Post })).Rows.Select(r => r.Id));
        Assert.Equal([stopUse.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Statuses = [RequestStatus.IdentityCheck] })).Rows.Select(r => r.Id));
        Assert.Equal(
            [stopUse.Id, correctionByPost.Id],
            (await PageAsync(new QueueFilter { AssignedTo = tag, Statuses = [RequestStatus.IdentityCheck, RequestStatus.Received], Family = null, Channel = null }))
                .Rows.Where(r => r.Id != disclosure.Id).Select(r => r.Id));
        Assert.DoesNotContain(other.Id, (await PageAsync(new QueueFilter { AssignedTo = tag })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Search_finds_a_reference_number_typed_in_full_width_lower_case()
    {
        var tag = NewTag();
        var target = await NewAsync(tag, Now.AddDays(-1));
        var other = await NewAsync(tag, Now.AddDays(-1));
        await SaveAsync(target, other);

        var typed = string.Concat(target.ReferenceNumber.ToLowerInvariant().Select(c => c == '-' ? 'ー' : (char)(c + 0xFEE0)));
        var rows = (await PageAsync(new QueueFilter { AssignedTo = tag, Search = typed })).Rows;

        Assert.Equal([target.Id], rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData("城之内")]
    [InlineData("城之内花")]
    [InlineData("城之内　花子")]
    [InlineData("じょうのうち")]
    [InlineData("ｼﾞｮｳﾉｳﾁ ﾊﾅ")]
    [InlineData("ジヨウノウチ")]
    [InlineData("じようのうち　はなこ")]
    public async Task Search_finds_a_name_in_kanji_or_kana_in_any_width_and_small_kana(string typed)
    {
        var tag = NewTag();
        var target = await NewAsync(tag, Now.AddDays(-1), name: "城之内 花子", kana: "ジョウノウチ ハナコ");
        var other = await NewAsync(tag, Now.AddDays(-1), name: "内田 花子", kana: "ウチダ ハナコ");
        await SaveAsync(target, other);

        var rows = (await PageAsync(new QueueFilter { AssignedTo = tag, Search = typed })).Rows;

        Assert.Equal([target.Id], rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Kana_search_matches_the_start_of_the_name_only()
    {
        var tag = NewTag();
        var target = await NewAsync(tag, Now.AddDays(-1), name: "内田 花子", kana: "ウチダ ハナコ");
        await SaveAsync(target);

        Assert.Empty((await PageAsync(new QueueFilter { AssignedTo = tag, Search = "ハナコ" })).Rows);
        Assert.Single((await PageAsync(new QueueFilter { AssignedTo = tag, Search = "うちだ" })).Rows);
    }

    [Fact]
    public async Task Kanji_search_matches_the_start_of_the_name_only()
    {
        // A prefix is what an index can serve at a million requests (docs/benchmarks/queue.md); a fragment from the
        // middle of a name, or the given name alone, is not a match.
        var tag = NewTag();
        var target = await NewAsync(tag, Now.AddDays(-1), name: "城之内 花子", kana: "ジョウノウチ ハナコ");
        await SaveAsync(target);

        Assert.Empty((await PageAsync(new QueueFilter { AssignedTo = tag, Search = "之内" })).Rows);
        Assert.Empty((await PageAsync(new QueueFilter { AssignedTo = tag, Search = "花子" })).Rows);
        Assert.Equal([target.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "城之" })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Name_search_finds_names_with_characters_outside_the_basic_plane()
    {
        var tag = NewTag();
        var target = await NewAsync(tag, Now.AddDays(-1), name: "𠮷田 太郎", kana: "ヨシダ タロウ");
        var other = await NewAsync(tag, Now.AddDays(-1), name: "吉田 太郎", kana: "ヨシダ タロウ");
        await SaveAsync(target, other);

        Assert.Equal([target.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "𠮷田" })).Rows.Select(r => r.Id));
        Assert.Equal([target.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "𠮷" })).Rows.Select(r => r.Id));
        Assert.Equal([other.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "吉田" })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_family_name_or_whole_name_typed_in_full_matches_exactly_and_a_partial_one_by_prefix()
    {
        var tag = NewTag();
        var yoko = await NewAsync(tag, Now.AddDays(-5), name: "佐藤 陽子", kana: "サトウ ヨウコ");
        var ichiro = await NewAsync(tag, Now.AddDays(-3), name: "佐藤 一郎", kana: "サトウ イチロウ");
        var hanako = await NewAsync(tag, Now.AddDays(-4), name: "佐藤田 花子", kana: "サトウダ ハナコ");
        var noSpace = await NewAsync(tag, Now.AddDays(-2), name: "佐藤花", kana: "サトウハナ");
        await SaveAsync(yoko, ichiro, hanako, noSpace);

        async Task<List<Guid>> FindAsync(string typed) =>
            (await AllAsync(new QueueFilter { AssignedTo = tag, Search = typed, PageSize = 1 })).Select(r => r.Id).ToList();

        // The family name in full: that family only, in deadline order across pages (佐藤田 is another family).
        Assert.Equal([yoko.Id, ichiro.Id], await FindAsync("佐藤"));
        Assert.Equal([yoko.Id, ichiro.Id], await FindAsync("さとう"));
        Assert.Equal([yoko.Id, ichiro.Id], await FindAsync("ｻﾄｳ"));

        // The whole name, with or without the space.
        Assert.Equal([yoko.Id], await FindAsync("佐藤　陽子"));
        Assert.Equal([yoko.Id], await FindAsync("佐藤陽子"));
        Assert.Equal([yoko.Id], await FindAsync("サトウヨウコ"));

        // A name stored without a space is its own family name.
        Assert.Equal([noSpace.Id], await FindAsync("佐藤花"));
        Assert.Equal([noSpace.Id], await FindAsync("さとうはな"));

        // Nobody is called exactly this: every name that starts with it.
        Assert.Equal([yoko.Id, hanako.Id, ichiro.Id, noSpace.Id], await FindAsync("佐"));
        Assert.Equal([yoko.Id], await FindAsync("佐藤 陽"));
        Assert.Equal([yoko.Id], await FindAsync("さとう　よう"));
        Assert.Equal([hanako.Id], await FindAsync("佐藤田 花"));
        Assert.Equal([hanako.Id], await FindAsync("さとうだ は"));
    }

    [Fact]
    public async Task The_migration_gives_requests_filed_before_it_the_same_name_and_duplicate_keys_as_the_domain()
    {
        var tag = NewTag();
        (string Name, string Kana)[] people =
        [
            ("城之内 花子", "ジョウノウチ ハナコ"), ("ｽﾐｽ 太郎", "ｽﾐｽ・ｼﾞｮｰﾝｽﾞ ﾀﾛｳ"), ("𠮷田 太郎", "よしだ たろう"),
            ("佐藤陽子", "サトウヨウコ"), ("ヶ谷 ァ", "ヶヤ ァ"),
        ];
        var requests = new List<PrivacyRequest>();
        foreach (var (name, kana) in people)
        {
            requests.Add(await NewAsync(tag, Now.AddDays(-1), name: name, kana: kana));
        }

        await SaveAsync([.. requests]);
        await app.WithDbAsync(db => db.Requests.Where(r => r.AssignedTo == tag)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PrincipalFamilyNameKey, string.Empty).SetProperty(r => r.PrincipalFamilyKanaKey, string.Empty)
                .SetProperty(r => r.PrincipalDuplicateKey, string.Empty)));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(QueueKeyBackfill.Sql(
            db.Database.IsSqlite() ? QueueKeyBackfill.Provider.Sqlite : QueueKeyBackfill.Provider.Postgres)));

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Where(r => r.AssignedTo == tag)
            .ToDictionaryAsync(r => r.Id, r => (r.PrincipalFamilyNameKey, r.PrincipalFamilyKanaKey, r.PrincipalDuplicateKey)));
        Assert.All(requests, request => Assert.Equal(
            (request.PrincipalFamilyNameKey, request.PrincipalFamilyKanaKey, request.PrincipalDuplicateKey), stored[request.Id]));
        Assert.Equal(("城之内", "ジヨウノウチ", "ジヨウノウチハナコ|1980-04-01"), stored[requests[0].Id]);
        Assert.Equal(("スミス", "スミスジヨーンズ", "スミスジヨーンズタロウ|1980-04-01"), stored[requests[1].Id]);
    }

    [Fact]
    public async Task The_migration_copies_each_principal_s_name_onto_the_requests_filed_before_it()
    {
        var tag = NewTag();
        var first = await NewAsync(tag, Now.AddDays(-2), name: "城之内　花子", kana: "ジョウノウチ ハナコ");
        var second = await NewAsync(tag, Now.AddDays(-1), name: "𠮷田 太郎", kana: "よしだ たろう");
        await SaveAsync(first, second);
        await app.WithDbAsync(db => db.Requests.Where(r => r.AssignedTo == tag)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PrincipalName, string.Empty)));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(PrincipalNameBackfill.Sql(
            db.Database.IsSqlite() ? PrincipalNameBackfill.Provider.Sqlite : PrincipalNameBackfill.Provider.Postgres)));

        var stored = await app.WithDbAsync(db => db.Requests.AsNoTracking().Where(r => r.AssignedTo == tag)
            .Select(r => new { r.Id, r.PrincipalName, r.Principal.FullName })
            .ToDictionaryAsync(r => r.Id, r => (r.PrincipalName, r.FullName)));
        Assert.Equal(("城之内 花子", "城之内 花子"), stored[first.Id]);
        Assert.Equal(("𠮷田 太郎", "𠮷田 太郎"), stored[second.Id]);
        Assert.Equal(first.PrincipalName, stored[first.Id].PrincipalName);
        Assert.Equal("城之内 *", Assert.Single((await PageAsync(new QueueFilter { AssignedTo = tag, Search = "城之内" })).Rows).MaskedPrincipalName);
    }

    [Fact]
    public async Task A_page_of_namesakes_is_read_in_queue_order_with_its_names_and_flags()
    {
        // A full name is one ordered range of an index, read straight from it (no lookup of the ids first); a name typed
        // without a space is two ranges (family name, whole name) merged by id. Both must give the same rows and flags.
        var tag = NewTag();
        var birth = new DateOnly(1971, 7, 7);
        var decided = await NewAsync(tag, Now.AddDays(-40), name: "同名 一郎", kana: "ドウメイ イチロウ", birth: birth.AddDays(1));
        decided.StartIdentityCheck("staff", Now.AddDays(-39));
        decided.AcceptIdentity("staff", Now.AddDays(-38), IdentityChecklist.For(decided.RequesterType));
        decided.Decide(new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を訂正しました。")], "staff", Now.AddDays(-2)));
        var approved = await NewAsync(tag, Now.AddDays(-35), name: "同名 一郎", kana: "ドウメイ イチロウ", birth: birth.AddDays(2));
        approved.StartIdentityCheck("staff", Now.AddDays(-34));
        approved.AcceptIdentity("staff", Now.AddDays(-33), IdentityChecklist.For(approved.RequesterType));
        approved.Decide(new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を訂正しました。")], "staff", Now.AddDays(-2)));
        approved.ApproveDecision("supervisor", Now.AddDays(-1));
        var twin1 = await NewAsync(tag, Now.AddDays(-20), name: "同名 一郎", kana: "ドウメイ イチロウ", birth: birth);
        var twin2 = await NewAsync(tag, Now.AddDays(-10), name: "同名　一郎", kana: "ﾄﾞｳﾒｲ ｲﾁﾛｳ", birth: birth);
        var paused = await NewAsync(tag, Now.AddDays(-30), name: "同名 一郎", kana: "ドウメイ イチロウ", birth: birth.AddDays(3));
        paused.StartIdentityCheck("staff", Now.AddDays(-29));
        paused.ReturnForDeficiency("不鮮明", "staff", Now.AddDays(-5));
        var otherName = await NewAsync(tag, Now.AddDays(-25), name: "同名田 次郎", kana: "ドウメイダ ジロウ");
        await SaveAsync(decided, approved, twin1, twin2, paused, otherName);
        Guid[] expected = [decided.Id, approved.Id, twin1.Id, twin2.Id, paused.Id];

        foreach (var typed in new[] { "同名 一郎", "どうめい いちろう", "同名一郎" })
        {
            var rows = await AllAsync(new QueueFilter { AssignedTo = tag, Search = typed, PageSize = 2 });

            Assert.Equal(expected, rows.Select(r => r.Id));
            Assert.All(rows, row => Assert.Equal(("同名 一郎", "同名 *"), (row.PrincipalName, row.MaskedPrincipalName)));
            Assert.Equal([true, false, false, false, false], rows.Select(r => r.AwaitingApproval));
            Assert.Equal([false, false, true, true, false], rows.Select(r => r.PossibleDuplicate));
            Assert.Null(rows[^1].DueDate);
        }

        var family = await AllAsync(new QueueFilter { AssignedTo = tag, Search = "同名", PageSize = 2 });
        Assert.Equal(expected, family.Select(r => r.Id));
        Assert.Equal([true, false, false, false, false], family.Select(r => r.AwaitingApproval));
        Assert.Equal([false, false, true, true, false], family.Select(r => r.PossibleDuplicate));
    }

    [Fact]
    public async Task A_name_without_a_space_found_by_both_of_its_ranges_is_listed_once_on_every_page_size()
    {
        // 「鳳凰院」 typed without a space is the family name of 「鳳凰院 凶真」 and the whole name of 「鳳凰院」 (a name stored
        // without a space is its own family name): both ranges hold the latter, each is read up to a page, and the
        // merged page must list it once, in queue order, whatever the page size (the cursor must not skip or repeat).
        var tag = NewTag();
        var birth = new DateOnly(1962, 2, 22);
        var monoFirst = await NewAsync(tag, Now.AddDays(-30), name: "鳳凰院", kana: "ホウオウイン", birth: birth);
        var full = await NewAsync(tag, Now.AddDays(-25), name: "鳳凰院 凶真", kana: "ホウオウイン キョウマ", birth: birth);
        var monoSecond = await NewAsync(tag, Now.AddDays(-20), name: "鳳凰院", kana: "ホウオウイン", birth: birth);
        var other = await NewAsync(tag, Now.AddDays(-15), name: "鳳凰院 月夜", kana: "ホウオウイン ツクヨ", birth: birth.AddDays(1));
        var monoPaused = await NewAsync(tag, Now.AddDays(-28), name: "鳳凰院", kana: "ホウオウイン", birth: birth.AddDays(2));
        monoPaused.StartIdentityCheck("staff", Now.AddDays(-27));
        monoPaused.ReturnForDeficiency("不鮮明", "staff", Now.AddDays(-5));
        var pausedTwin = await NewAsync(tag, Now.AddDays(-26), name: "鳳凰院 凶真", kana: "ホウオウイン キョウマ", birth: birth.AddDays(3));
        pausedTwin.StartIdentityCheck("staff", Now.AddDays(-25));
        pausedTwin.ReturnForDeficiency("不鮮明", "staff", Now.AddDays(-4));
        await SaveAsync(monoFirst, full, monoSecond, other, monoPaused, pausedTwin);
        Guid[] dated = [monoFirst.Id, full.Id, monoSecond.Id, other.Id];

        foreach (var typed in new[] { "鳳凰院", "ほうおういん", "ﾎｳｵｳｲﾝ" })
        {
            foreach (var size in new[] { 1, 2, 3, 5, 50 })
            {
                var rows = await AllAsync(new QueueFilter { AssignedTo = tag, Search = typed, PageSize = size });

                // The dated ones by deadline, then the paused ones (by id, whose order is the database's): each once.
                Assert.Equal(6, rows.Count);
                Assert.Equal(dated, rows.Take(4).Select(r => r.Id));
                Assert.Equal(new HashSet<Guid> { monoPaused.Id, pausedTwin.Id }, rows.Skip(4).Select(r => r.Id).ToHashSet());
                Assert.Equal(["鳳凰院", "鳳凰院 凶真", "鳳凰院", "鳳凰院 月夜"], rows.Take(4).Select(r => r.PrincipalName));
                Assert.Equal([true, false, true, false, false, false], rows.Select(r => r.PossibleDuplicate));
                Assert.All(rows.Skip(4), row => Assert.Null(row.DueDate));
            }
        }

        // The whole name with a space is one range: that person's requests only, the paused one last.
        Assert.Equal([full.Id, pausedTwin.Id],
            (await AllAsync(new QueueFilter { AssignedTo = tag, Search = "鳳凰院 凶真", PageSize = 1 })).Select(r => r.Id));
    }

    [Fact]
    public async Task An_exact_match_hidden_from_the_queue_does_not_hide_the_names_that_start_with_it()
    {
        var tag = NewTag();
        var withdrawn = await NewAsync(tag, Now.AddDays(-5), name: "梅原 一", kana: "ウメハラ ハジメ");
        withdrawn.Withdraw(PrivacyRequest.MemberActor, Now.AddDays(-4));
        var open = await NewAsync(tag, Now.AddDays(-3), name: "梅原田 二郎", kana: "ウメハラダ ジロウ");
        await SaveAsync(withdrawn, open);

        Assert.Equal([open.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "梅原" })).Rows.Select(r => r.Id));
        Assert.Equal([open.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "うめはら" })).Rows.Select(r => r.Id));

        // Asked to include ended requests, the exact match is on the queue again and is what "梅原" means.
        Assert.Equal([withdrawn.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, Search = "梅原", IncludeEnded = true })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Overdue_requests_of_every_running_status_come_in_deadline_order_across_pages()
    {
        var tag = NewTag();
        var received = await NewAsync(tag, new DateTimeOffset(2026, 10, 20, 1, 0, 0, TimeSpan.Zero));
        var checking = await NewAsync(tag, new DateTimeOffset(2026, 10, 10, 1, 0, 0, TimeSpan.Zero));
        checking.StartIdentityCheck("staff", new DateTimeOffset(2026, 10, 11, 1, 0, 0, TimeSpan.Zero));
        var inReview = await NewAsync(tag, new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero));
        inReview.StartIdentityCheck("staff", new DateTimeOffset(2026, 10, 2, 1, 0, 0, TimeSpan.Zero));
        inReview.AcceptIdentity("staff", new DateTimeOffset(2026, 10, 15, 1, 0, 0, TimeSpan.Zero), IdentityChecklist.For(inReview.RequesterType));
        var decided = await NewAsync(tag, new DateTimeOffset(2026, 9, 1, 1, 0, 0, TimeSpan.Zero));
        decided.StartIdentityCheck("staff", new DateTimeOffset(2026, 9, 2, 1, 0, 0, TimeSpan.Zero));
        decided.AcceptIdentity("staff", new DateTimeOffset(2026, 9, 3, 1, 0, 0, TimeSpan.Zero), IdentityChecklist.For(decided.RequesterType));
        decided.Decide(new Decision([new KindDecision(RequestKind.Correction, KindOutcome.Done, null, null, "住所を訂正しました。")], "staff",
            new DateTimeOffset(2026, 10, 20, 1, 0, 0, TimeSpan.Zero)));
        var returned = await NewAsync(tag, new DateTimeOffset(2026, 10, 1, 1, 0, 0, TimeSpan.Zero));
        returned.StartIdentityCheck("staff", new DateTimeOffset(2026, 10, 2, 1, 0, 0, TimeSpan.Zero));
        returned.ReturnForDeficiency("不鮮明", "staff", new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var notYet = await NewAsync(tag, Now.AddDays(-1));
        await SaveAsync(received, checking, inReview, decided, returned, notYet);

        var rows = await AllAsync(new QueueFilter { AssignedTo = tag, OverdueOnly = true, PageSize = 1 });

        // Paused requests (returned) and those still in time are not overdue. Everything counts from receipt (ADR
        // 0016): the decision awaiting approval (due 15 September), the request in review (15 October), the one being
        // checked (24 October) and the one not yet checked (3 November).
        Assert.Equal([decided.Id, inReview.Id, checking.Id, received.Id], rows.Select(r => r.Id));
        Assert.True(rows[0].AwaitingApproval);
        Assert.False(rows[1].AwaitingApproval);
        Assert.All(rows, row => Assert.True(row.IsOverdue));
        Assert.Equal(rows.Select(r => r.DueDate).Order(), rows.Select(r => r.DueDate));

        // Overdue and a status together: the status narrows the overdue ones.
        Assert.Equal([decided.Id, inReview.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, OverdueOnly = true, Statuses = [RequestStatus.InReview, RequestStatus.Decided] }))
            .Rows.Select(r => r.Id));
        Assert.Equal([inReview.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, OverdueOnly = true, Statuses = [RequestStatus.InReview] }))
            .Rows.Select(r => r.Id));

        // 承認待ち only: the decision awaiting approval, overdue or not.
        Assert.Equal([decided.Id], (await PageAsync(new QueueFilter { AssignedTo = tag, AwaitingApprovalOnly = true })).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Ended_and_long_waiting_requests_are_hidden_by_default_and_shown_on_request()
    {
        var tag = NewTag();
        var open = await NewAsync(tag, Now.AddDays(-1));
        var withdrawn = await NewAsync(tag, Now.AddDays(-5));
        withdrawn.Withdraw(PrivacyRequest.MemberActor, Now.AddDays(-4));
        var staleReturn = await NewAsync(tag, Now.AddDays(-90));
        staleReturn.StartIdentityCheck("staff", Now.AddDays(-89));
        staleReturn.ReturnForDeficiency("不鮮明", "staff", Now.AddDays(-70));
        var recentReturn = await NewAsync(tag, Now.AddDays(-20));
        recentReturn.StartIdentityCheck("staff", Now.AddDays(-19));
        recentReturn.ReturnForDeficiency("不鮮明", "staff", Now.AddDays(-10));
        var staleFee = await NewAsync(tag, Now.AddDays(-100), RequestFamily.Disclosure);
        staleFee.StartIdentityCheck("staff", Now.AddDays(-99));
        staleFee.AcceptIdentity("staff", Now.AddDays(-61), IdentityChecklist.For(staleFee.RequesterType));
        await SaveAsync(open, withdrawn, staleReturn, recentReturn, staleFee);

        var byDefault = (await PageAsync(new QueueFilter { AssignedTo = tag })).Rows.Select(r => r.Id).ToHashSet();
        Assert.Equal([open.Id, recentReturn.Id], byDefault.Order());

        var withEnded = (await PageAsync(new QueueFilter { AssignedTo = tag, IncludeEnded = true })).Rows.Select(r => r.Id);
        Assert.Equal(new[] { open.Id, recentReturn.Id, withdrawn.Id }.Order(), withEnded.Order());

        var withStale = (await PageAsync(new QueueFilter { AssignedTo = tag, IncludeStale = true })).Rows.Select(r => r.Id);
        Assert.Equal(new[] { open.Id, recentReturn.Id, staleReturn.Id, staleFee.Id }.Order(), withStale.Order());

        var shorterLimit = (await PageAsync(new QueueFilter { AssignedTo = tag, StaleAfterDays = 5 })).Rows.Select(r => r.Id);
        Assert.Equal([open.Id], shorterLimit);
    }

    [Fact]
    public async Task Possible_duplicates_are_open_requests_of_the_same_principal_with_a_common_kind()
    {
        var tag = NewTag();
        var birth = new DateOnly(1966, 6, 6);
        var first = await NewAsync(tag, Now.AddDays(-3), RequestFamily.Disclosure, [RequestKind.Disclosure, RequestKind.PurposeOfUseNotice],
            name: "重複 一", kana: "ちようふく はじめ", birth: birth);
        var second = await NewAsync(tag, Now.AddDays(-2), RequestFamily.Disclosure, [RequestKind.Disclosure],
            name: "重複 一", kana: "ﾁｮｳﾌｸ ﾊｼﾞﾒ", birth: birth);
        var otherKind = await NewAsync(tag, Now.AddDays(-2), RequestFamily.Disclosure, [RequestKind.ThirdPartyProvisionRecordDisclosure],
            name: "重複 一", kana: "チョウフク ハジメ", birth: birth);
        var otherBirth = await NewAsync(tag, Now.AddDays(-2), RequestFamily.Disclosure, [RequestKind.ThirdPartyProvisionRecordDisclosure],
            name: "重複 一", kana: "チョウフク ハジメ", birth: birth.AddDays(1));
        var closedTwin = await NewAsync(tag, Now.AddDays(-4), RequestFamily.Disclosure, [RequestKind.ThirdPartyProvisionRecordDisclosure],
            name: "重複 一", kana: "チョウフク ハジメ", birth: birth.AddDays(1));
        closedTwin.Withdraw(PrivacyRequest.MemberActor, Now.AddDays(-3));
        await SaveAsync(first, second, otherKind, otherBirth, closedTwin);

        var rows = (await PageAsync(new QueueFilter { AssignedTo = tag, PageSize = 2 })).Rows
            .Concat((await AllAsync(new QueueFilter { AssignedTo = tag })).Skip(2))
            .ToDictionary(r => r.Id);

        Assert.True(rows[first.Id].PossibleDuplicate);
        Assert.True(rows[second.Id].PossibleDuplicate);
        Assert.False(rows[otherKind.Id].PossibleDuplicate);
        Assert.False(rows[otherBirth.Id].PossibleDuplicate);
    }

    [Fact]
    public async Task Names_are_masked_to_the_family_name()
    {
        var tag = NewTag();
        var request = await NewAsync(tag, Now.AddDays(-1), name: "山田　花子", kana: "ヤマダ ハナコ");
        await SaveAsync(request);

        var row = Assert.Single((await PageAsync(new QueueFilter { AssignedTo = tag })).Rows);

        // Both forms leave the query; the page shows the full name only to roles that work requests (ADR 0017).
        Assert.Equal("山田 *", row.MaskedPrincipalName);
        Assert.DoesNotContain("花子", row.MaskedPrincipalName, StringComparison.Ordinal);
        Assert.Equal("山田 花子", row.PrincipalName);
        Assert.Equal(request.ReferenceNumber, row.ReferenceNumber);
        Assert.Equal([RequestKind.Correction], row.Kinds);
        Assert.Equal(tag, row.AssignedTo);
    }

    [Fact]
    public async Task A_malformed_cursor_starts_from_the_first_page()
    {
        var tag = NewTag();
        await SaveAsync(await NewAsync(tag, Now.AddDays(-1)));

        Assert.Single((await PageAsync(new QueueFilter { AssignedTo = tag }, "not a cursor!")).Rows);
    }
}

public sealed class StaffQueueQueryTestsOnSqlite(SqliteAppFixture app) : StaffQueueQueryTests(app), IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("佐藤 陽子")]
    [InlineData("さとう ようこ")]
    [InlineData("佐藤")]
    [InlineData("さとう")]
    public async Task An_exact_name_is_read_from_a_covering_index_without_reading_the_table(string typed)
    {
        // SQLite keeps every column of a queue row in its four name indexes (PrivacyRequestConfiguration.CoverQueueIndexes):
        // a column added to the row but not to those indexes would make every namesake a random read of the table again.
        var connectionString = await App.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var plans = new PlanRecorder();
        await using var db = new SqliteDbContext(DatabaseRegistration.Configure(
            new DbContextOptionsBuilder<SqliteDbContext>(), DatabaseProvider.Sqlite, connectionString).AddInterceptors(plans).Options);

        await new StaffQueueQuery(db, TimeProvider.System, Options.Create(new StaffQueueOptions())).GetPageAsync(new QueueFilter { Search = typed });

        // The exact match's dated and paused parts (the prefix fallback, a range sorted afterwards, reads its rows by id).
        var exact = plans.Plans.Where(p => p.Sql.Contains("\"ReferenceNumber\"", StringComparison.Ordinal)
            && !p.Sql.Contains("\"Id\" IN (", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, exact.Count);
        Assert.All(exact, plan =>
        {
            // Each read of Requests (two for a name typed without a space: family name and whole name) is a search of a
            // covering index; nothing looks up a row by index entry or rowid (decisions are read for decided rows only).
            var reads = plan.Sql.Split("FROM \"Requests\"").Length - 1;
            Assert.Equal(reads, plan.Steps.Count(step => step.StartsWith("SEARCH ", StringComparison.Ordinal)
                && step.Contains(" USING COVERING INDEX IX_Requests_Queue_Principal", StringComparison.Ordinal)));
            Assert.DoesNotContain(plan.Steps, step => (step.Contains(" USING INDEX ", StringComparison.Ordinal)
                || step.Contains(" USING INTEGER PRIMARY KEY", StringComparison.Ordinal)) && !step.Contains(" IX_Decisions_", StringComparison.Ordinal));
        });
    }

    /// <summary>Before each reader command, the plan SQLite makes for it (same SQL, same parameters).</summary>
    private sealed class PlanRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<string> Steps)> Plans { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                var copy = explain.CreateParameter();
                copy.ParameterName = parameter.ParameterName;
                copy.Value = parameter.Value;
                explain.Parameters.Add(copy);
            }

            var steps = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    steps.Add(reader.GetString(3));
                }
            }

            Plans.Add((command.CommandText, steps));
            return result;
        }
    }
}

[Trait("Provider", "Postgres")]
public sealed class StaffQueueQueryTestsOnPostgres(PostgresAppFixture app) : StaffQueueQueryTests(app), IClassFixture<PostgresAppFixture>;
