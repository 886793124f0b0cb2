using System.Reflection;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>
/// Audit by construction (ADR 0014): every public change method of the request aggregate raises a domain event, which
/// the web layer turns into the audit row. This test finds the change methods by reflection, so a method added later
/// without an event (or without a scenario here) fails it with what to add.
/// </summary>
public class DomainEventCoverageTests
{
    private static readonly DateTimeOffset CheckAt = TestData.Jst(2026, 11, 2, 11);
    private static readonly DateTimeOffset AcceptAt = TestData.Jst(2026, 11, 2, 15);
    private static readonly DateTimeOffset DecideAt = TestData.Jst(2026, 11, 9, 10);

    /// <summary>For each change method: a request in a state that allows it, and the call.</summary>
    private static readonly Dictionary<string, (Func<PrivacyRequest> Arrange, Action<PrivacyRequest> Act)> Scenarios = new()
    {
        [nameof(PrivacyRequest.AssignTo)] = (Received, r => r.AssignTo("staff-001", TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.AttachDocument)] = (() => RequestBuilder.Correction().Build(),
            r => r.AttachDocument(TestData.CompleteDocuments(r.RequesterType)[0])),
        [nameof(PrivacyRequest.StartIdentityCheck)] = (Received, r => r.StartIdentityCheck(TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.AcceptIdentity)] = (Checking, r => r.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(r))),
        [nameof(PrivacyRequest.ReturnForDeficiency)] = (Checking, r => r.ReturnForDeficiency("書類が不鮮明です。", TestData.Staff, AcceptAt)),
        [nameof(PrivacyRequest.RecordPayment)] = (AwaitingFee, r => r.RecordPayment(TestData.Payment(1_000, AcceptAt))),
        [nameof(PrivacyRequest.Decide)] = (InReview, r => r.Decide(TestData.DecisionFor(r, KindOutcome.Done, DecideAt, TestData.Staff))),
        [nameof(PrivacyRequest.ApproveDecision)] = (Decided, r => r.ApproveDecision(TestData.Supervisor, DecideAt.AddHours(1))),
        [nameof(PrivacyRequest.SendBackForRevision)] = (Decided, r => r.SendBackForRevision("根拠を見直してください。", TestData.Supervisor, DecideAt.AddHours(1))),
        [nameof(PrivacyRequest.Close)] = (Approved, r => r.Close(TestData.Staff, DecideAt.AddHours(2))),
        [nameof(PrivacyRequest.Withdraw)] = (Received, r => r.Withdraw(PrivacyRequest.MemberActor, CheckAt)),
        [nameof(PrivacyRequest.ExtendDeadline)] = (InReview, r => r.ExtendDeadline(
            Text.JapaneseText.JstDate(r.DueAt!.Value).AddDays(7), "調査に時間を要するため", TestData.Staff, DecideAt)),
        [nameof(PrivacyRequest.Reject)] = (Received, r => r.Reject("法に基づく請求ではありません。", TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.CorrectContact)] = (Received, r => r.CorrectContact(People.PartyRole.Principal,
            new People.ContactDetails("150-0001", "東京都", "渋谷区神宮前", "1-2-3", r.Principal.Phone, r.Principal.Email), "本人から転居の連絡", TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.ReissueStatusCode)] = (Received, r => r.ReissueStatusCode(
            new string('a', 64), StatusCodeDelivery.Post, CallerVerification.CalledBackRegisteredPhone, TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.ChangeDelivery)] = (Received, r => r.ChangeDelivery(
            r.Delivery == DeliveryMethod.Post ? DeliveryMethod.Electronic : DeliveryMethod.Post, TestData.Staff, CheckAt)),
        [nameof(PrivacyRequest.RecordReminder)] = (AwaitingFee, r => r.RecordReminder(Closing.ReminderStep.FirstReminder, new DateOnly(2027, 1, 1), DecideAt)),
        [nameof(PrivacyRequest.Abandon)] = (() =>
        {
            var r = AwaitingFee();
            r.RecordReminder(Closing.ReminderStep.FirstReminder, new DateOnly(2027, 1, 1), DecideAt);
            r.RecordReminder(Closing.ReminderStep.SecondReminder, new DateOnly(2027, 1, 1), DecideAt.AddDays(14));
            return r;
        }, r => r.Abandon(DecideAt.AddDays(50))),
        [nameof(PrivacyRequest.ResubmitDocuments)] = (Returned, r => r.ResubmitDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], PrivacyRequest.MemberActor, AcceptAt.AddDays(3))),
        [nameof(PrivacyRequest.RestateRecordsContent)] = (() => RecordsRestatementTests.FlaggedAndApproved(), r => r.RestateRecordsContent(
            [Guid.CreateVersion7()], "提供先：株式会社みらい損害保険", null, "移行した決定の確認", TestData.Staff, DecideAt.AddDays(20), answerLetterIssued: false)),
        [nameof(PrivacyRequest.ApproveRecordsRestatement)] = (() =>
        {
            var r = RecordsRestatementTests.FlaggedAndApproved();
            r.RestateRecordsContent([], null, "記録はありません。", "移行した決定の確認", TestData.Staff, DecideAt.AddDays(20), answerLetterIssued: false);
            return r;
        }, r => r.ApproveRecordsRestatement(TestData.Supervisor, DecideAt.AddDays(21))),
        [nameof(PrivacyRequest.AttachPostedDocuments)] = (Returned, r => r.AttachPostedDocuments(
            [TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)], new DateOnly(2026, 11, 5), TestData.Staff, AcceptAt.AddDays(4))),
    };

    public static TheoryData<string> ChangeMethods()
    {
        var data = new TheoryData<string>();
        foreach (var name in ChangeMethodsOf(typeof(PrivacyRequest)).Select(m => m.Name).Distinct())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_change_methods_are_found()
    {
        // Guards the reflection itself: were it to find nothing, the theory below would pass vacuously.
        var found = ChangeMethodsOf(typeof(PrivacyRequest)).Select(m => m.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { nameof(PrivacyRequest.AcceptIdentity), nameof(PrivacyRequest.RecordPayment), nameof(PrivacyRequest.Close) }, found);
        Assert.DoesNotContain(nameof(PrivacyRequest.BumpVersion), found);
    }

    [Theory]
    [MemberData(nameof(ChangeMethods))]
    public void Every_change_method_of_the_request_raises_an_event(string method)
    {
        Assert.True(Scenarios.TryGetValue(method, out var scenario),
            $"PrivacyRequest.{method} is a public change method with no scenario in DomainEventCoverageTests.Scenarios. Add one that " +
            $"calls it in a state that allows it; make {method} raise a domain event (a record in src/PrivacyDesk.Domain/Events, " +
            "raised with raised.Add(...)) and give the event an audit code in src/PrivacyDesk.Web/Audit/AuditActions.cs. " +
            "Only a method that changes nothing a person did may carry [RaisesNoEvent(\"why\")] instead.");

        var request = scenario.Arrange();
        ((IEventSource)request).TakeEvents();

        scenario.Act(request);

        var raised = ((IEventSource)request).TakeEvents();
        Assert.True(raised.Count > 0,
            $"PrivacyRequest.{method} changed the request but raised no domain event, so the change would be saved without an " +
            $"audit row. Add raised.Add(new …(Id, …)) at the end of {method} (an event record in src/PrivacyDesk.Domain/Events) " +
            "and its case in AuditActions.Entry (src/PrivacyDesk.Web/Audit/AuditActions.cs).");
        Assert.All(raised, e => Assert.Equal(request.Id, Assert.IsAssignableFrom<IRequestEvent>(e).RequestId));
        Assert.Empty(((IEventSource)request).TakeEvents());
    }

    [Fact]
    public void A_refused_change_raises_no_event()
    {
        var request = Received();
        ((IEventSource)request).TakeEvents();

        Assert.ThrowsAny<DomainRuleException>(() => request.ApproveDecision(TestData.Supervisor, DecideAt));

        Assert.Empty(((IEventSource)request).TakeEvents());
    }

    [Fact]
    public void Filing_and_a_note_raise_their_events()
    {
        var request = RequestBuilder.Disclosure().Build();
        var filed = Assert.IsType<RequestFiled>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(request.ReferenceNumber, filed.Reference);

        var note = new RequestNote(request.Id, "電話で確認済み", TestData.Staff, CheckAt);
        var added = Assert.IsType<NoteAdded>(Assert.Single(((IEventSource)note).TakeEvents()));
        Assert.Equal(note.Id, added.NoteId);
    }

    [Fact]
    public void A_refund_is_its_own_event_with_the_stored_negative_amount()
    {
        var request = Received();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        request.RecordPayment(TestData.Payment(1_000, AcceptAt));
        ((IEventSource)request).TakeEvents();

        request.RecordPayment(FeePayment.Refund(400, DateOnly.FromDateTime(AcceptAt.Date), PaymentMethod.BankTransfer, null, TestData.Staff, AcceptAt));

        var refunded = Assert.IsType<FeeRefunded>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal(-400, refunded.AmountYen);
        Assert.Equal(600, request.FeePaidYen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_refund_is_typed_as_a_positive_amount(int amount)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            FeePayment.Refund(amount, new DateOnly(2026, 11, 2), PaymentMethod.BankTransfer, null, TestData.Staff, AcceptAt));
        Assert.Equal("fee.refundAmount", ex.Code);
    }

    /// <summary>Public instance methods of the type itself that return nothing: the ones that change it.</summary>
    internal static IEnumerable<MethodInfo> ChangeMethodsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.ReturnType == typeof(void))
            .Where(m => m.GetCustomAttribute<RaisesNoEventAttribute>() is null);

    private static PrivacyRequest Received() => RequestBuilder.Disclosure().Build();

    private static PrivacyRequest Checking()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        return request;
    }

    private static PrivacyRequest Returned()
    {
        var request = Checking();
        request.ReturnForDeficiency("・運転免許証の写しをお送りください。", TestData.Staff, AcceptAt, [], [IdentityCheckItem.PrincipalIdAccepted]);
        return request;
    }

    private static PrivacyRequest AwaitingFee()
    {
        var request = Checking();
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        return request;
    }

    private static PrivacyRequest InReview()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        return request;
    }

    private static PrivacyRequest Decided()
    {
        var request = InReview();
        request.Decide(TestData.DecisionFor(request, KindOutcome.Done, DecideAt, TestData.Staff));
        return request;
    }

    private static PrivacyRequest Approved()
    {
        var request = Decided();
        request.ApproveDecision(TestData.Supervisor, DecideAt.AddHours(1));
        return request;
    }
}
