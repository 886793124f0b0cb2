using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Web.Identity;
using PrivacyDesk.Web.Tests.Infrastructure;
using PrivacyDesk.Web.Tests.Requests;
using static PrivacyDesk.Web.Tests.Staff.Requests.BackOffice;

namespace PrivacyDesk.Web.Tests.Staff.Requests;

/// <summary>
/// The grounds the decision page offers and accepts: the Art. 32(2) exceptions for the purposes of use, ①–③ for data
/// once the identity was confirmed (④ is a rejection, not a decision). Bad posts are explained in Japanese and change
/// nothing.
/// </summary>
public abstract class DecisionGroundsPageTests(AppFixture app)
{
    private static readonly string[] Exceptions =
        ["PurposeAlreadyClear", "PurposeNoticeHarmsPersonOrThirdParty", "PurposeNoticeHarmsCoop", "PurposeNoticeHindersStateAffairs"];

    [Fact]
    public async Task The_purpose_kind_offers_the_article_32_2_exceptions_and_four_is_not_offered_after_the_id_check()
    {
        var (id, staff) = await InReviewAsync();
        using (staff)
        {
            var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/decision");

            Assert.Equal(Exceptions, GroundValues(page, RequestKind.PurposeOfUseNotice));
            var purpose = page.QuerySelector("#grounds-PurposeOfUseNotice")!.TextContent;
            Assert.Contains("個人情報保護法第32条第2項各号", purpose, StringComparison.Ordinal);
            Assert.Contains("前項の規定により当該本人が識別される保有個人データの利用目的が明らかな場合", purpose, StringComparison.Ordinal);
            Assert.DoesNotContain("①", purpose, StringComparison.Ordinal);

            Assert.Equal(["HarmToPersonOrThirdParty", "SeriousHindranceToBusiness", "ViolationOfOtherLaw"], GroundValues(page, RequestKind.Disclosure));
            Assert.DoesNotContain("④", page.QuerySelector("#grounds-Disclosure")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ground_four_after_an_accepted_id_check_is_refused_in_Japanese_and_changes_nothing()
    {
        var (id, staff) = await InReviewAsync();
        using (staff)
        {
            var version = await VersionAsync(app, id);
            using var response = await DecideAsync(staff.Client, id, kind => kind == RequestKind.PurposeOfUseNotice
                ? [("Outcome", "FullDisclosure")]
                : [("Outcome", "NoDisclosure"), ("Grounds", "IdentityNotConfirmed"), ("Reason", "本人確認書類の記載が一致しません。")]);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var shown = await Html.ParseAsync(response);
            var errors = shown.QuerySelector("#error-summary")!.TextContent;
            Assert.Contains("本人確認は完了しているため、「④ 本人確認ができない場合」は根拠に選べません", errors, StringComparison.Ordinal);
            Assert.Contains("決定ではなく却下の手続で扱ってください", errors, StringComparison.Ordinal);
            await NothingChangedAsync(id, version);
        }
    }

    [Fact]
    public async Task A_purpose_refusal_on_the_four_grounds_is_refused_in_Japanese_and_changes_nothing()
    {
        var (id, staff) = await InReviewAsync();
        using (staff)
        {
            var version = await VersionAsync(app, id);
            using var response = await DecideAsync(staff.Client, id, kind => kind == RequestKind.PurposeOfUseNotice
                ? [("Outcome", "NoDisclosure"), ("Grounds", "SeriousHindranceToBusiness"), ("Reason", "業務に支障があります。")]
                : [("Outcome", "FullDisclosure")],
                disclosedContent: "氏名：山田 花子");

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var shown = await Html.ParseAsync(response);
            Assert.Contains("「利用目的の通知」を通知しない根拠は、個人情報保護法第32条第2項各号の場合に限られます。",
                shown.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
            await NothingChangedAsync(id, version);
        }
    }

    [Fact]
    public async Task A_purpose_refusal_is_recorded_on_its_exception()
    {
        var (id, staff) = await InReviewAsync();
        using (staff)
        {
            Redirected(await DecideAsync(staff.Client, id, kind => kind == RequestKind.PurposeOfUseNotice
                ? [("Outcome", "NoDisclosure"), ("Grounds", "PurposeAlreadyClear"), ("Reason", "利用目的は個人情報保護方針で公表しています。")]
                : [("Outcome", "FullDisclosure")],
                disclosedContent: "氏名：山田 花子"));

            var decision = await app.WithDbAsync(db => db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id));
            var purpose = Assert.Single(decision.Outcomes, o => o.Kind == RequestKind.PurposeOfUseNotice);
            Assert.Equal(KindOutcome.NoDisclosure, purpose.Outcome);
            Assert.Equal([NonDisclosureGround.PurposeAlreadyClear], purpose.Grounds);
            Assert.Equal(RequestStatus.Decided, await StatusAsync(app, id));
        }
    }

    [Fact]
    public async Task A_purpose_refusal_stored_on_the_four_grounds_before_the_exceptions_still_loads_and_shows()
    {
        var (id, staff) = await InReviewAsync();
        using (staff)
        {
            Redirected(await DecideAsync(staff.Client, id, kind => kind == RequestKind.PurposeOfUseNotice
                ? [("Outcome", "NoDisclosure"), ("Grounds", "PurposeNoticeHarmsCoop"), ("Reason", "業務に支障があります。")]
                : [("Outcome", "FullDisclosure")],
                disclosedContent: "氏名：山田 花子"));

            // What a decision stored before the exceptions existed looks like in the database: ② on the purpose kind.
            await app.WithDbAsync(async db =>
            {
                var decision = await db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id);
                var purpose = decision.Outcomes.Single(o => o.Kind == RequestKind.PurposeOfUseNotice);
                typeof(KindDecision).GetProperty(nameof(KindDecision.Grounds))!
                    .SetValue(purpose, new List<NonDisclosureGround> { NonDisclosureGround.SeriousHindranceToBusiness });
                return await db.SaveChangesAsync();
            });

            var stored = await app.WithDbAsync(db => db.Decisions.Include(d => d.Outcomes).SingleAsync(d => EF.Property<Guid>(d, "RequestId") == id));
            Assert.Equal([NonDisclosureGround.SeriousHindranceToBusiness], stored.Outcomes.Single(o => o.Kind == RequestKind.PurposeOfUseNotice).Grounds);
            var page = await staff.Client.GetDocumentAsync($"/staff/requests/{id}/decision");
            Assert.Contains("② 開示することで当会の業務の適正な実施に著しい支障を及ぼすおそれがある場合",
                page.QuerySelector("#decision-outcomes")!.TextContent, StringComparison.Ordinal);
        }
    }

    private static string[] GroundValues(IDocument page, RequestKind kind) =>
        page.QuerySelectorAll($"#grounds-{kind} input[type=checkbox]").Select(i => i.GetAttribute("value")!).ToArray();

    private async Task NothingChangedAsync(Guid id, int version)
    {
        Assert.Equal(version, await VersionAsync(app, id));
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        Assert.False(await app.WithDbAsync(db => db.Decisions.AnyAsync(d => EF.Property<Guid>(d, "RequestId") == id)));
        Assert.DoesNotContain("decision.recorded", await ActionsAsync(app, id));
    }

    /// <summary>A request for the purposes of use and the data, its identity accepted and its fee paid.</summary>
    private async Task<(Guid Id, StaffSession Staff)> InReviewAsync()
    {
        using var member = app.Factory.CreateBrowserClient();
        var receipt = await new MemberSession(member).FileAsync(RequestFamily.Disclosure, PrivacyDesk.Domain.People.RequesterType.Principal,
            fields => fields["Input.Kinds"] = "PurposeOfUseNotice|Disclosure");
        var reference = receipt.QuerySelector("#reference-number")!.TextContent.Trim();
        var id = await app.WithDbAsync(db => db.Requests.Where(r => r.ReferenceNumber == reference).Select(r => r.Id).SingleAsync());

        var staff = await StaffSignIn.SignInAsync(app, StaffRoles.Staff);
        Redirected(await AcceptIdentityAsync(staff.Client, id));
        Redirected(await PayAsync(staff.Client, id), $"/staff/requests/{id}/fee");
        Assert.Equal(RequestStatus.InReview, await StatusAsync(app, id));
        await RecordProvisionAsync(app);
        return (id, staff);
    }
}

public sealed class DecisionGroundsPageTestsOnSqlite(StaffSqliteAppFixture app) : DecisionGroundsPageTests(app), IClassFixture<StaffSqliteAppFixture>;

[Trait("Provider", "Postgres")]
public sealed class DecisionGroundsPageTestsOnPostgres(StaffPostgresAppFixture app) : DecisionGroundsPageTests(app), IClassFixture<StaffPostgresAppFixture>;
