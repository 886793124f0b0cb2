using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class PrivacyRequestTests
{
    private static readonly DateTimeOffset CheckAt = TestData.Jst(2026, 11, 2, 11);
    private static readonly DateTimeOffset AcceptAt = TestData.Jst(2026, 11, 2, 15);

    public static TheoryData<RequestKind, RequestFamily> ForeignKinds
    {
        get
        {
            var data = new TheoryData<RequestKind, RequestFamily>();
            foreach (var kind in Enum.GetValues<RequestKind>())
            {
                foreach (var family in Enum.GetValues<RequestFamily>().Where(f => f != RequestKinds.FamilyOf(kind)))
                {
                    data.Add(kind, family);
                }
            }

            return data;
        }
    }

    // ---- Creation -------------------------------------------------------------------------------------------------

    [Fact]
    public void NewRequestIsReceivedWithOneHistoryEntry()
    {
        var receivedAt = TestData.Jst(2026, 10, 30, 9);
        var request = RequestBuilder.Disclosure().Via(Channel.Post).ReceivedAt(receivedAt, TestData.Jst(2026, 11, 2)).Build();

        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.True(request.IsOpen);
        Assert.Null(request.ClosedAt);
        Assert.Null(request.Decision);
        Assert.Equal(receivedAt, request.ReceivedAt);
        Assert.Equal(TestData.Jst(2026, 11, 2), request.CreatedAt);
        Assert.Equal(Channel.Post, request.Channel);
        Assert.Equal("PD-2026-000123", request.ReferenceNumber);
        Assert.Equal(AccessToken.Hash("test-token"), request.AccessTokenHash);

        var entry = Assert.Single(request.StatusHistory);
        Assert.Null(entry.From);
        Assert.Equal(RequestStatus.Received, entry.To);
        Assert.Equal(receivedAt, entry.At);
        Assert.Equal(PrivacyRequest.MemberActor, entry.Actor);
        Assert.Null(entry.Reason);
    }

    [Fact]
    public void PrincipalIsStoredNormalised()
    {
        var request = RequestBuilder.Disclosure().Build();

        Assert.Equal("山田 太郎", request.Principal.FullName);
        Assert.Equal("ヤマダ タロウ", request.Principal.FullNameKana);
        Assert.Equal(request.Principal.Id, request.PrincipalId);
        Assert.Null(request.Agent);
        Assert.Null(request.AgentId);
    }

    [Fact]
    public void KindsAreDistinctAndOrdered()
    {
        var request = RequestBuilder.Correction()
            .WithKinds(RequestKind.Deletion, RequestKind.Correction, RequestKind.Deletion, RequestKind.Addition)
            .Build();

        Assert.Equal([RequestKind.Correction, RequestKind.Addition, RequestKind.Deletion], request.Kinds);
    }

    [Fact]
    public void NoKindIsRefused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => RequestBuilder.Disclosure().WithKinds().Build());

        Assert.Equal("kinds.empty", ex.Code);
        Assert.Equal("請求の種類を1つ以上選んでください。", ex.Message);
    }

    [Theory]
    [MemberData(nameof(ForeignKinds))]
    public void KindsMustBeOfTheRequestFamily(RequestKind kind, RequestFamily family)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Of(family).WithKinds([.. RequestKinds.Of(family).Take(1), kind]).Build());

        Assert.Equal("kinds.family", ex.Code);
        Assert.Contains(Labels.Family(family).Japanese, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Labels.Kind(kind).Japanese, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StopRequestCannotIncludeDisclosure()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.StopUse().WithKinds(RequestKind.StopOfUse, RequestKind.Disclosure).Build());

        Assert.Equal("「利用停止・第三者提供停止の請求」の請求に、別の種類（保有個人データの開示）は含められません。", ex.Message);
    }

    [Theory]
    [InlineData(RequestFamily.Disclosure, new[] { RequestKind.PurposeOfUseNotice, RequestKind.Disclosure, RequestKind.ThirdPartyProvisionRecordDisclosure })]
    [InlineData(RequestFamily.Correction, new[] { RequestKind.Correction, RequestKind.Addition, RequestKind.Deletion })]
    [InlineData(RequestFamily.StopUse, new[] { RequestKind.StopOfUse, RequestKind.StopOfThirdPartyProvision })]
    public void KindsOfEachFamily(RequestFamily family, RequestKind[] expected)
    {
        Assert.Equal(expected, RequestKinds.Of(family));
        Assert.All(expected, k => Assert.Equal(family, RequestKinds.FamilyOf(k)));
    }

    [Fact]
    public void PrincipalRequestMustNotNameAnAgent()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Disclosure().WithRequesterType(RequesterType.Principal).WithAgent(TestData.Agent).Build());

        Assert.Equal("agent.unexpected", ex.Code);
        Assert.Equal("ご本人による請求では、代理人の情報は不要です。", ex.Message);
    }

    [Theory]
    [InlineData(RequesterType.VoluntaryAgent)]
    [InlineData(RequesterType.LegalRepresentative)]
    public void AgentRequestMustNameTheAgent(RequesterType requesterType)
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Disclosure().WithRequesterType(requesterType).WithAgent(() => null).Build());

        Assert.Equal("agent.missing", ex.Code);
        Assert.Equal("代理人による請求では、代理人の氏名・連絡先が必要です。", ex.Message);
    }

    [Theory]
    [InlineData(RequesterType.VoluntaryAgent)]
    [InlineData(RequesterType.LegalRepresentative)]
    public void AgentRequestKeepsTheAgent(RequesterType requesterType)
    {
        var request = RequestBuilder.StopUse().By(requesterType).Build();

        Assert.NotNull(request.Agent);
        Assert.Equal(PartyRole.Agent, request.Agent.Role);
        Assert.Equal(request.Agent.Id, request.AgentId);
        Assert.Equal("サトウ ハナコ", request.Agent.FullNameKana);
        Assert.Equal(requesterType, request.RequesterType);
    }

    [Fact]
    public void PrincipalMustHaveThePrincipalRole()
    {
        Assert.Throws<ArgumentException>(() => RequestBuilder.Disclosure().WithPrincipal(TestData.Agent).Build());
    }

    [Fact]
    public void AgentMustHaveTheAgentRole()
    {
        Assert.Throws<ArgumentException>(() =>
            RequestBuilder.Disclosure().WithRequesterType(RequesterType.VoluntaryAgent).WithAgent(TestData.Principal).Build());
    }

    [Fact]
    public void ReceiptInTheFutureIsRefused()
    {
        var now = TestData.Jst(2026, 11, 2, 10);

        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Disclosure().ReceivedAt(now.AddMinutes(6), now).Build());

        Assert.Equal("receivedAt.future", ex.Code);

        // A few minutes of clock skew are tolerated.
        var skewed = RequestBuilder.Disclosure().ReceivedAt(now.AddMinutes(5), now).Build();
        Assert.Equal(now.AddMinutes(5), skewed.ReceivedAt);
    }

    // ---- Details per family ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(RequestFamily.Disclosure)]
    [InlineData(RequestFamily.Correction)]
    [InlineData(RequestFamily.StopUse)]
    public void DataDescriptionIsRequired(RequestFamily family)
    {
        var builder = RequestBuilder.Of(family);
        var details = family switch
        {
            RequestFamily.Disclosure => RequestBuilder.DisclosureDetails,
            RequestFamily.Correction => RequestBuilder.CorrectionDetails,
            _ => RequestBuilder.StopUseDetails,
        };

        var ex = Assert.Throws<DomainRuleException>(() => builder.WithDetails(details with { DataDescription = "　 " }).Build());

        Assert.Equal("details.description", ex.Code);
    }

    [Fact]
    public void DisclosureNeedsADeliveryMethod()
    {
        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Disclosure().WithDetails(RequestBuilder.DisclosureDetails with { Delivery = null }).Build());

        Assert.Equal("details.delivery", ex.Code);
        Assert.Equal("開示の方法を選んでください。", ex.Message);
    }

    [Theory]
    [InlineData(DeliveryMethod.Electronic)]
    [InlineData(DeliveryMethod.Post)]
    public void DisclosureKeepsTheChosenDelivery(DeliveryMethod method)
    {
        var request = RequestBuilder.Disclosure()
            .WithDetails(RequestBuilder.DisclosureDetails with { DataDescription = "  利用履歴  ", Delivery = method })
            .Build();

        Assert.Equal(method, request.Delivery);
        Assert.Equal("利用履歴", request.DataDescription);
    }

    [Theory]
    [InlineData(null, "東京都新宿区新宿6-24-20")]
    [InlineData("東京都新宿区新宿1-1-1", null)]
    [InlineData("  ", "東京都新宿区新宿6-24-20")]
    [InlineData("東京都新宿区新宿1-1-1", "")]
    public void CorrectionNeedsCurrentAndCorrectContent(string? current, string? correct)
    {
        var details = RequestBuilder.CorrectionDetails with { CurrentContent = current, CorrectContent = correct };

        var ex = Assert.Throws<DomainRuleException>(() =>
            RequestBuilder.Correction().WithKinds(RequestKind.Correction, RequestKind.Addition).WithDetails(details).Build());

        Assert.Equal("details.correction", ex.Code);
        Assert.Equal("訂正の請求では、現在の内容と正しい内容の両方を入力してください。", ex.Message);
    }

    [Theory]
    [InlineData(RequestKind.Addition)]
    [InlineData(RequestKind.Deletion)]
    public void AdditionOrDeletionAloneNeedsNoCurrentAndCorrectContent(RequestKind kind)
    {
        var details = new RequestDetails("旧住所の登録");

        var request = RequestBuilder.Correction().WithKinds(kind).WithDetails(details).Build();

        Assert.Null(request.CurrentContent);
        Assert.Null(request.CorrectContent);
        Assert.Equal([kind], request.Kinds);
    }

    [Fact]
    public void CorrectionContentIsTrimmed()
    {
        var details = RequestBuilder.CorrectionDetails with { CurrentContent = " 新宿1-1-1 ", CorrectContent = "　新宿6-24-20　" };

        var request = RequestBuilder.Correction().WithDetails(details).Build();

        Assert.Equal("新宿1-1-1", request.CurrentContent);
        Assert.Equal("新宿6-24-20", request.CorrectContent);
    }

    [Fact]
    public void StopUseNeedsAGround()
    {
        var none = RequestBuilder.StopUseDetails with { StopGrounds = null };
        var empty = RequestBuilder.StopUseDetails with { StopGrounds = [] };

        Assert.Equal("details.stopGrounds", Assert.Throws<DomainRuleException>(() => RequestBuilder.StopUse().WithDetails(none).Build()).Code);
        Assert.Equal("details.stopGrounds", Assert.Throws<DomainRuleException>(() => RequestBuilder.StopUse().WithDetails(empty).Build()).Code);
    }

    [Fact]
    public void StopGroundsAreDistinctAndOrdered()
    {
        var details = RequestBuilder.StopUseDetails with
        {
            StopGrounds = [StopUseGround.RightsAtRisk, StopUseGround.UsedBeyondPurpose, StopUseGround.RightsAtRisk],
            StopGroundDetail = "   ",
        };

        var request = RequestBuilder.StopUse().WithKinds(RequestKind.StopOfThirdPartyProvision).WithDetails(details).Build();

        Assert.Equal([StopUseGround.UsedBeyondPurpose, StopUseGround.RightsAtRisk], request.StopGrounds);
        Assert.Null(request.StopGroundDetail);
    }

    // ---- Full paths -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(RequesterType.Principal)]
    [InlineData(RequesterType.VoluntaryAgent)]
    [InlineData(RequesterType.LegalRepresentative)]
    public void DisclosureGoesThroughTheFeeToClosed(RequesterType requesterType)
    {
        var request = RequestBuilder.Disclosure().By(requesterType).Build();
        TestData.AttachCompleteDocuments(request);

        request.StartIdentityCheck(TestData.Staff, CheckAt);
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);

        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.AwaitingFee, request.Status);

        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 4)));
        Assert.Equal(RequestStatus.InReview, request.Status);

        var decision = TestData.DecisionFor(request, KindOutcome.FullDisclosure, TestData.Jst(2026, 11, 9));
        request.Decide(decision);
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Same(decision, request.Decision);
        Assert.Equal(TestData.DisclosedContent, request.Decision!.ContentOf(RequestKind.Disclosure));
        Assert.False(decision.IsApproved);
        Assert.True(request.IsOpen);

        // Approval by a second supervisor is not a status change: the history does not grow.
        request.ApproveDecision(TestData.SecondSupervisor, TestData.Jst(2026, 11, 9, 15));
        Assert.Equal(TestData.SecondSupervisor, decision.ApprovedBy);
        Assert.Equal(5, request.StatusHistory.Count);

        var closedAt = TestData.Jst(2026, 11, 10);
        request.Close(TestData.Staff, closedAt);

        Assert.Equal(RequestStatus.Closed, request.Status);
        Assert.Equal(closedAt, request.ClosedAt);
        Assert.False(request.IsOpen);
        Assert.Equal(
            [
                RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.AwaitingFee,
                RequestStatus.InReview, RequestStatus.Decided, RequestStatus.Closed,
            ],
            TestData.Statuses(request));
        Assert.Equal(
            [null, RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.AwaitingFee, RequestStatus.InReview, RequestStatus.Decided],
            request.StatusHistory.Select(c => c.From));
        Assert.Equal(TestData.Supervisor, request.StatusHistory[4].Actor);
        Assert.Equal(TestData.Jst(2026, 11, 9), request.StatusHistory[4].At);
    }

    [Theory]
    [InlineData(RequestFamily.Correction, RequesterType.Principal)]
    [InlineData(RequestFamily.Correction, RequesterType.VoluntaryAgent)]
    [InlineData(RequestFamily.Correction, RequesterType.LegalRepresentative)]
    [InlineData(RequestFamily.StopUse, RequesterType.Principal)]
    [InlineData(RequestFamily.StopUse, RequesterType.VoluntaryAgent)]
    [InlineData(RequestFamily.StopUse, RequesterType.LegalRepresentative)]
    public void FreeFamiliesSkipTheFee(RequestFamily family, RequesterType requesterType)
    {
        var request = RequestBuilder.Of(family).By(requesterType).Build();
        TestData.AttachCompleteDocuments(request);

        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
        Assert.Equal(RequestStatus.InReview, request.Status);

        TestData.DecideAndApprove(request, KindOutcome.Done, TestData.Jst(2026, 11, 9));
        request.Close(TestData.Staff, TestData.Jst(2026, 11, 10));

        Assert.Equal(
            [RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.InReview, RequestStatus.Decided, RequestStatus.Closed],
            TestData.Statuses(request));
        Assert.True(request.Decision!.GrantedInFull);
        Assert.All(request.Decision.Outcomes, o => Assert.Equal(TestData.DoneDetail, o.Detail));
        Assert.All(request.Decision.Outcomes, o => Assert.Null(o.Content));
    }

    [Fact]
    public void FeePaidBeforeIdentityIsAcceptedSkipsAwaitingFee()
    {
        var request = RequestBuilder.Disclosure().Build();
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 2, 10, 30)));
        Assert.Equal(RequestStatus.Received, request.Status);

        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal([RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.InReview], TestData.Statuses(request));
    }

    [Fact]
    public void PaymentDuringIdentityCheckDoesNotMoveTheRequest()
    {
        var request = RequestBuilder.Disclosure().Build();
        request.StartIdentityCheck(TestData.Staff, CheckAt);

        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 2, 12)));

        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Equal(2, request.StatusHistory.Count);
    }

    // ---- Documents ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, "ご本人の本人確認書類")]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.Authority, "委任状")]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.AgentIdentity, "任意代理人の本人確認書類")]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, "戸籍謄本又は成年後見登記事項証明書")]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.PrincipalIdentity, "ご本人の本人確認書類")]
    public void AcceptIdentityIsRefusedWithMissingDocuments(RequesterType requesterType, DocumentRole left, string namedInMessage)
    {
        var request = RequestBuilder.Disclosure().By(requesterType).Build();
        foreach (var document in TestData.CompleteDocuments(requesterType).Where(d => d.Role != left))
        {
            request.AttachDocument(document);
        }

        request.StartIdentityCheck(TestData.Staff, CheckAt);
        var before = request.StatusHistory.ToArray();
        var snapshot = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request)));

        Assert.Equal("identity.missingDocuments", ex.Code);
        Assert.StartsWith("必要な書類がそろっていません：", ex.Message, StringComparison.Ordinal);
        Assert.Contains(namedInMessage, ex.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Equal(before, request.StatusHistory);
        Assert.Empty(request.IdentityChecks);
        Assert.Equal(snapshot, RequestSnapshot.Of(request));
    }

    [Fact]
    public void MissingDocumentsShrinkAsDocumentsArrive()
    {
        var request = RequestBuilder.Correction().By(RequesterType.VoluntaryAgent).Build();
        Assert.Equal(3, request.MissingDocuments().Count);

        request.AttachDocument(TestData.Document(DocumentRole.Authority, DocumentType.PowerOfAttorney));
        Assert.Equal([DocumentRole.PrincipalIdentity, DocumentRole.AgentIdentity], request.MissingDocuments().Select(m => m.Role).Order());

        request.AttachDocument(TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.MyNumberCardFront));
        request.AttachDocument(TestData.Document(DocumentRole.AgentIdentity, DocumentType.MyNumberCardFront));
        Assert.Empty(request.MissingDocuments());
        Assert.Equal(3, request.Documents.Count);
    }

    [Fact]
    public void PurgedDocumentsNoLongerCount()
    {
        var request = RequestBuilder.Disclosure().Build();
        var licence = TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence);
        request.AttachDocument(licence);
        Assert.Empty(request.MissingDocuments());

        licence.MarkPurged(TestData.Jst(2026, 11, 3));

        Assert.Single(request.MissingDocuments());
    }

    [Theory]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.Authority, DocumentType.Passport, "「パスポート」は「代理権を確認する書類」として受け付けられません。")]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.PowerOfAttorney, "「委任状」は「本人の本人確認書類」として受け付けられません。")]
    [InlineData(RequesterType.Principal, DocumentRole.AgentIdentity, DocumentType.Passport, "「パスポート」は「代理人の本人確認書類」として受け付けられません。")]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, DocumentType.PowerOfAttorney, "「委任状」は「代理権を確認する書類」として受け付けられません。")]
    public void DocumentOfTheWrongTypeIsRefused(RequesterType requesterType, DocumentRole role, DocumentType type, string message)
    {
        var request = RequestBuilder.Disclosure().By(requesterType).Build();
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.AttachDocument(TestData.Document(role, type)));

        Assert.Equal("documents.notAccepted", ex.Code);
        Assert.Equal(message, ex.Message);
        Assert.Empty(request.Documents);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void SupportingDocumentIsAcceptedButDoesNotCompleteTheSet()
    {
        var request = RequestBuilder.Disclosure().Build();

        request.AttachDocument(TestData.Document(DocumentRole.Supporting, DocumentType.Other));

        Assert.Single(request.Documents);
        Assert.Single(request.MissingDocuments());
    }

    [Fact]
    public void DocumentsCannotBeAddedAfterTheRequestEnds()
    {
        var request = RequestBuilder.Disclosure().Build();
        request.Withdraw(PrivacyRequest.MemberActor, CheckAt);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() =>
            request.AttachDocument(TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport)));

        Assert.Equal("documents.closed", ex.Code);
        Assert.Empty(request.Documents);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    // ---- Side paths -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("　")]
    public void ReturnForDeficiencyRequiresAReason(string reason)
    {
        var request = RequestBuilder.Disclosure().Build();
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.ReturnForDeficiency(reason, TestData.Staff, AcceptAt));

        Assert.Equal("status.reason", ex.Code);
        Assert.Equal("理由を入力してください。", ex.Message);
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Equal(2, request.StatusHistory.Count);
        Assert.Empty(request.IdentityChecks);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void ReturnedRequestCanBeCheckedAgainAfterResubmission()
    {
        var request = RequestBuilder.Disclosure().By(RequesterType.VoluntaryAgent).Build();
        request.StartIdentityCheck(TestData.Staff, CheckAt);

        request.ReturnForDeficiency("  委任状が添付されていません。 ", TestData.Staff, AcceptAt);

        Assert.Equal(RequestStatus.ReturnedForDeficiency, request.Status);
        Assert.Equal("委任状が添付されていません。", request.StatusHistory[^1].Reason);
        Assert.True(request.IsOpen);

        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 6));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 6, 14), TestData.FullChecklist(request));

        Assert.Equal(RequestStatus.AwaitingFee, request.Status);
        Assert.Equal(
            [
                RequestStatus.Received, RequestStatus.IdentityCheck, RequestStatus.ReturnedForDeficiency,
                RequestStatus.IdentityCheck, RequestStatus.AwaitingFee,
            ],
            TestData.Statuses(request));
    }

    [Fact]
    public void DeficiencyFoundInReviewIsReturnedToo()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));

        request.ReturnForDeficiency("運転免許証の写しが不鮮明です。", TestData.Staff, TestData.Jst(2026, 11, 4));

        Assert.Equal(RequestStatus.ReturnedForDeficiency, request.Status);
        Assert.Equal(RequestStatus.InReview, request.StatusHistory[^1].From);
    }

    [Fact]
    public void ReceivedRequestCannotBeReturnedBeforeItIsChecked()
    {
        var request = RequestBuilder.Disclosure().Build();
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() => request.ReturnForDeficiency("書類不備", TestData.Staff, CheckAt));
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    public void RejectRequiresAReason(string reason)
    {
        var request = RequestBuilder.Disclosure().Build();
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.Reject(reason, TestData.Staff, CheckAt));

        Assert.Equal("status.reason", ex.Code);
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Null(request.ClosedAt);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData(RequestStatus.Received)]
    [InlineData(RequestStatus.IdentityCheck)]
    [InlineData(RequestStatus.AwaitingFee)]
    [InlineData(RequestStatus.ReturnedForDeficiency)]
    public void RejectEndsTheRequest(RequestStatus from)
    {
        var request = RequestAt(from);
        var at = TestData.Jst(2026, 11, 20);

        request.Reject(" 請求書の記載から請求者を特定できないため。 ", TestData.Staff, at);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal(at, request.ClosedAt);
        Assert.False(request.IsOpen);
        Assert.Equal("請求書の記載から請求者を特定できないため。", request.StatusHistory[^1].Reason);
        Assert.Equal(from, request.StatusHistory[^1].From);
    }

    [Theory]
    [InlineData(RequestStatus.InReview)]
    [InlineData(RequestStatus.Decided)]
    public void RequestUnderReviewOrDecidedCannotBeRejected(RequestStatus from)
    {
        var request = RequestAt(from);
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() => request.Reject("却下", TestData.Staff, TestData.Jst(2026, 11, 20)));
        Assert.Equal(from, request.Status);
        Assert.Null(request.ClosedAt);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData(RequestStatus.Received)]
    [InlineData(RequestStatus.IdentityCheck)]
    [InlineData(RequestStatus.AwaitingFee)]
    [InlineData(RequestStatus.ReturnedForDeficiency)]
    [InlineData(RequestStatus.InReview)]
    public void MemberCanWithdrawAnOpenRequest(RequestStatus from)
    {
        var request = RequestAt(from);
        var at = TestData.Jst(2026, 11, 20);

        request.Withdraw(PrivacyRequest.MemberActor, at);

        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Equal(at, request.ClosedAt);
        Assert.False(request.IsOpen);
        Assert.Null(request.StatusHistory[^1].Reason);
        Assert.Equal(PrivacyRequest.MemberActor, request.StatusHistory[^1].Actor);
    }

    [Fact]
    public void WithdrawalReasonIsOptionalAndTrimmed()
    {
        var request = RequestBuilder.Disclosure().Build();

        request.Withdraw(PrivacyRequest.MemberActor, CheckAt, "　解決したため　");

        Assert.Equal("解決したため", request.StatusHistory[^1].Reason);
    }

    [Fact]
    public void DecidedRequestCannotBeWithdrawn()
    {
        var request = RequestAt(RequestStatus.Decided);
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() => request.Withdraw(PrivacyRequest.MemberActor, TestData.Jst(2026, 11, 20)));
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void SendBackForRevisionReturnsTheDecisionToReview()
    {
        var request = RequestAt(RequestStatus.Decided);
        var dueAt = request.DueAt;

        request.SendBackForRevision(" 理由の記載を具体的にしてください。 ", TestData.Supervisor, TestData.Jst(2026, 11, 10));

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal("理由の記載を具体的にしてください。", request.StatusHistory[^1].Reason);
        Assert.Equal(dueAt, request.DueAt); // back in review, but completion does not happen again

        var revised = TestData.DecisionFor(request, KindOutcome.PartialDisclosure, TestData.Jst(2026, 11, 11));
        request.Decide(revised);
        Assert.Same(revised, request.Decision);
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.False(revised.IsApproved);
    }

    [Fact]
    public void SendBackRequiresAReasonAndKeepsTheDecision()
    {
        var request = RequestAt(RequestStatus.Decided);
        var decision = request.Decision;
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.SendBackForRevision(" ", TestData.Supervisor, TestData.Jst(2026, 11, 10)));

        Assert.Equal("status.reason", ex.Code);
        Assert.Equal(RequestStatus.Decided, request.Status);
        Assert.Same(decision, request.Decision);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData(RequestStatus.IdentityCheck)]
    [InlineData(RequestStatus.AwaitingFee)]
    public void SendBackCannotSkipTheIdentityCheckOrTheFee(RequestStatus from)
    {
        // IdentityCheck → InReview and AwaitingFee → InReview are in the table, but only AcceptIdentity and the fee
        // may take them; sending back is for decisions only.
        var request = RequestAt(from);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<InvalidStatusTransitionException>(() =>
            request.SendBackForRevision("再検討", TestData.Supervisor, TestData.Jst(2026, 11, 10)));

        Assert.Equal(from, ex.From);
        Assert.Equal(from, request.Status);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void DecisionMustCoverTheRequestedKinds()
    {
        var request = RequestBuilder.Disclosure().WithKinds(RequestKind.PurposeOfUseNotice, RequestKind.Disclosure).Build();
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 2, 10, 30)));
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));

        var partial = TestData.DecisionOf([TestData.Outcome(RequestKind.Disclosure, KindOutcome.FullDisclosure)], TestData.Jst(2026, 11, 9));
        var before = RequestSnapshot.Of(request);
        var ex = Assert.Throws<DomainRuleException>(() => request.Decide(partial, requiresApproval: false));

        Assert.Equal("decision.missing", ex.Code);
        Assert.Contains("利用目的の通知", ex.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal(before, RequestSnapshot.Of(request));

        // A refused decision is not approved on the way either.
        Assert.False(partial.IsApproved);
    }

    [Fact]
    public void DecisionIsOnlyTakenInReview()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() =>
            request.Decide(TestData.DecisionFor(request, KindOutcome.Done, AcceptAt)));
        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Null(request.Decision);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void VersionIsBumped()
    {
        var request = RequestBuilder.Disclosure().Build();
        Assert.Equal(0, request.Version);

        request.BumpVersion();
        request.BumpVersion();

        Assert.Equal(2, request.Version);
    }

    /// <summary>
    /// A family (a) request by the person, driven to <paramref name="status"/> by the aggregate's own methods. Decided
    /// means decided by <see cref="TestData.Supervisor"/> and not yet approved.
    /// </summary>
    private static PrivacyRequest RequestAt(RequestStatus status)
    {
        var request = RequestBuilder.Disclosure().Build();
        if (status == RequestStatus.Received)
        {
            return request;
        }

        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        switch (status)
        {
            case RequestStatus.IdentityCheck:
                break;
            case RequestStatus.ReturnedForDeficiency:
                request.ReturnForDeficiency("書類が不鮮明です。", TestData.Staff, AcceptAt);
                break;
            case RequestStatus.AwaitingFee:
                request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
                break;
            case RequestStatus.InReview:
            case RequestStatus.Decided:
                request.AcceptIdentity(TestData.Staff, AcceptAt, TestData.FullChecklist(request));
                request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 4)));
                if (status == RequestStatus.Decided)
                {
                    request.Decide(TestData.DecisionFor(request, KindOutcome.FullDisclosure, TestData.Jst(2026, 11, 9)));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status));
        }

        Assert.Equal(status, request.Status);
        return request;
    }
}
