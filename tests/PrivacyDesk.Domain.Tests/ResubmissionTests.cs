using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Documents sent again after a return, online or by post (ADR 0022): what is asked, what is kept, the clock.</summary>
public class ResubmissionTests
{
    private static readonly DateTimeOffset CheckAt = TestData.Jst(2026, 11, 2, 11);
    private static readonly DateTimeOffset ReturnAt = TestData.Jst(2026, 11, 2, 15);
    private static readonly DateTimeOffset ResubmitAt = TestData.Jst(2026, 11, 6, 9);

    private static PrivacyRequest Returned(RequesterType type, params IdentityCheckItem[] failed)
    {
        var request = RequestBuilder.Correction().By(type).Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        var confirmed = request.IdentityChecklistItems.Except(failed).ToArray();
        request.ReturnForDeficiency("・書類をお送りください。", TestData.Staff, ReturnAt, confirmed, failed);
        return request;
    }

    [Fact]
    public void Only_the_slots_of_the_failed_points_are_asked_for()
    {
        var request = Returned(RequesterType.VoluntaryAgent, IdentityCheckItem.PowerOfAttorneyValid);

        var asked = request.DocumentsToResubmit();

        Assert.Equal([DocumentRole.Authority], asked.Select(a => a.Role));
        Assert.True(request.ResubmissionRequiresAll);
    }

    [Fact]
    public void The_insurance_card_point_asks_for_the_slot_that_holds_the_card()
    {
        // The voluntary agent's set has the person's ID as a health insurance card.
        var request = Returned(RequesterType.VoluntaryAgent, IdentityCheckItem.InsuranceSymbolsMasked);

        Assert.Equal([DocumentRole.PrincipalIdentity], request.DocumentsToResubmit().Select(a => a.Role));
    }

    [Fact]
    public void A_return_with_only_a_note_offers_every_slot_and_takes_any_one()
    {
        var request = Returned(RequesterType.VoluntaryAgent);

        // The person's ID, the 委任状, the agent's passport and, beside it, the agent's proof of address.
        Assert.Equal(4, request.DocumentsToResubmit().Count);
        Assert.False(request.ResubmissionRequiresAll);
        request.ResubmitDocuments([TestData.Document(DocumentRole.AgentIdentity, DocumentType.DriversLicence)], PrivacyRequest.MemberActor, ResubmitAt);
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
    }

    [Fact]
    public void Resubmission_supersedes_the_old_document_keeps_it_and_resumes_the_clock()
    {
        var request = Returned(RequesterType.Principal, IdentityCheckItem.PrincipalIdAccepted);
        var old = Assert.Single(request.Documents);
        Assert.Null(request.DueAt);
        ((IEventSource)request).TakeEvents();

        var card = TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.MyNumberCardFront);
        request.ResubmitDocuments([card], PrivacyRequest.MemberActor, ResubmitAt);

        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Equal(2, request.Documents.Count);
        Assert.Equal(card.Id, old.SupersededBy);
        Assert.Equal(ResubmitAt.ToUniversalTime(), old.SupersededAt);
        Assert.Equal([card], request.CurrentDocuments);
        Assert.NotNull(request.ResubmittedAt);

        // The clock ran from receipt to the return, stopped while waiting, and runs again from the resubmission.
        Assert.NotNull(request.DueAt);
        Assert.Equal(ResubmitAt - ReturnAt, request.PausedTotal);
        var raised = Assert.IsType<DocumentsResubmitted>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal([old.Id], raised.Superseded);
        Assert.Equal(RequestStatus.IdentityCheck, raised.To);

        // The checklist now asks about the My Number card, not the licence; accepting clears the 再提出あり mark.
        request.AcceptIdentity(TestData.Staff, ResubmitAt.AddHours(2), request.IdentityChecklistItems.ToArray());
        Assert.Null(request.ResubmittedAt);
    }

    [Fact]
    public void A_second_resubmission_is_refused_and_changes_nothing()
    {
        var request = Returned(RequesterType.Principal, IdentityCheckItem.PrincipalIdAccepted);
        request.ResubmitDocuments([TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], PrivacyRequest.MemberActor, ResubmitAt);
        ((IEventSource)request).TakeEvents();

        var ex = Assert.Throws<DomainRuleException>(() => request.ResubmitDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], PrivacyRequest.MemberActor, ResubmitAt.AddMinutes(1)));

        Assert.Equal("resubmission.notReturned", ex.Code);
        Assert.Equal(2, request.Documents.Count);
        Assert.Empty(((IEventSource)request).TakeEvents());
    }

    [Fact]
    public void Unasked_doubled_or_incomplete_resubmissions_are_refused()
    {
        var request = Returned(RequesterType.VoluntaryAgent, IdentityCheckItem.PowerOfAttorneyValid, IdentityCheckItem.AgentIdAccepted);

        Assert.Equal("resubmission.unasked", Assert.Throws<DomainRuleException>(() => request.ResubmitDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], PrivacyRequest.MemberActor, ResubmitAt)).Code);
        Assert.Equal("resubmission.unasked", Assert.Throws<DomainRuleException>(() => request.ResubmitDocuments(
            [TestData.Document(DocumentRole.Authority, DocumentType.PowerOfAttorney), TestData.Document(DocumentRole.Authority, DocumentType.PowerOfAttorney)],
            PrivacyRequest.MemberActor, ResubmitAt)).Code);
        var incomplete = Assert.Throws<DomainRuleException>(() => request.ResubmitDocuments(
            [TestData.Document(DocumentRole.Authority, DocumentType.PowerOfAttorney)], PrivacyRequest.MemberActor, ResubmitAt));
        Assert.Equal("resubmission.incomplete", incomplete.Code);
        Assert.Contains("任意代理人の本人確認書類", incomplete.Japanese, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.ReturnedForDeficiency, request.Status);
        Assert.Equal(4, request.Documents.Count);
    }

    [Fact]
    public void A_posted_scan_resumes_the_clock_from_the_day_it_arrived()
    {
        var request = Returned(RequesterType.Principal, IdentityCheckItem.PrincipalIdAccepted);
        var arrived = new DateOnly(2026, 11, 5);

        request.AttachPostedDocuments([TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], arrived, TestData.Staff, ResubmitAt);

        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Equal(JapaneseText.JstDayStart(arrived), request.StatusHistory[^1].At);
        Assert.Equal(arrived, request.CurrentDocuments.Single().ArrivedOn);
        Assert.True(request.Documents[0].IsSuperseded);
    }

    [Fact]
    public void A_posted_scan_cannot_arrive_in_the_future_or_before_filing()
    {
        var request = Returned(RequesterType.Principal, IdentityCheckItem.PrincipalIdAccepted);

        Assert.Equal("posted.future", Assert.Throws<DomainRuleException>(() => request.AttachPostedDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], JapaneseText.JstDate(ResubmitAt).AddDays(1), TestData.Staff, ResubmitAt)).Code);
        Assert.Equal("posted.beforeFiling", Assert.Throws<DomainRuleException>(() => request.AttachPostedDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], new DateOnly(2026, 11, 1), TestData.Staff, ResubmitAt)).Code);
        Assert.Equal(RequestStatus.ReturnedForDeficiency, request.Status);
        Assert.Single(request.Documents);
    }
}
