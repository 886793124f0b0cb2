using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

public class IdentityChecklistTests
{
    private static readonly DateTimeOffset CheckAt = TestData.Jst(2026, 11, 2, 11);
    private static readonly DateTimeOffset DecideAt = TestData.Jst(2026, 11, 2, 15);

    // The checklists, written out from seed §7(4)イ and the law (My Number front only; insurance symbols masked),
    // independently of IdentityChecklist, in the order staff read them: the person's ID, then the authority, then the
    // agent's ID.
    private static readonly IdentityCheckItem[] PrincipalChecklist =
    [
        IdentityCheckItem.PrincipalIdAccepted,
        IdentityCheckItem.PrincipalNameAndAddressMatch,
        IdentityCheckItem.PrincipalAddressProofValid,
        IdentityCheckItem.NoMyNumberCardBack,
        IdentityCheckItem.InsuranceSymbolsMasked,
    ];

    private static readonly IdentityCheckItem[] VoluntaryAgentChecklist =
    [
        IdentityCheckItem.PrincipalIdAccepted,
        IdentityCheckItem.PrincipalNameAndAddressMatch,
        IdentityCheckItem.PrincipalAddressProofValid,
        IdentityCheckItem.NoMyNumberCardBack,
        IdentityCheckItem.InsuranceSymbolsMasked,
        IdentityCheckItem.PowerOfAttorneyValid,
        IdentityCheckItem.AgentIdAccepted,
        IdentityCheckItem.AgentNameAndAddressMatch,
        IdentityCheckItem.AgentAddressProofValid,
    ];

    private static readonly IdentityCheckItem[] LegalRepresentativeChecklist =
    [
        IdentityCheckItem.PrincipalIdAccepted,
        IdentityCheckItem.PrincipalNameAndAddressMatch,
        IdentityCheckItem.PrincipalAddressProofValid,
        IdentityCheckItem.NoMyNumberCardBack,
        IdentityCheckItem.InsuranceSymbolsMasked,
        IdentityCheckItem.LegalAuthorityDocumentValid,
        IdentityCheckItem.AgentIdAccepted,
        IdentityCheckItem.AgentNameAndAddressMatch,
        IdentityCheckItem.AgentAddressProofValid,
    ];

    // What applies to TestData.CompleteDocuments: the My Number point only with a 個人番号カード, the masking point only
    // with a 健康保険被保険者証 (principal: 運転免許証; agent: 健康保険被保険者証 + passport; representative: 個人番号カード +
    // 運転免許証).
    private static IdentityCheckItem[] ApplicableToCompleteDocuments(RequesterType requesterType) => requesterType switch
    {
        RequesterType.Principal => [IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.PrincipalNameAndAddressMatch],
        RequesterType.VoluntaryAgent =>
        [
            IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.PrincipalNameAndAddressMatch, IdentityCheckItem.InsuranceSymbolsMasked,
            IdentityCheckItem.PowerOfAttorneyValid, IdentityCheckItem.AgentIdAccepted, IdentityCheckItem.AgentNameAndAddressMatch,
            IdentityCheckItem.AgentAddressProofValid,
        ],
        _ =>
        [
            IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.PrincipalNameAndAddressMatch, IdentityCheckItem.NoMyNumberCardBack,
            IdentityCheckItem.LegalAuthorityDocumentValid, IdentityCheckItem.AgentIdAccepted, IdentityCheckItem.AgentNameAndAddressMatch,
        ],
    };

    [Theory]
    [InlineData(RequesterType.Principal)]
    [InlineData(RequesterType.VoluntaryAgent)]
    [InlineData(RequesterType.LegalRepresentative)]
    public void TheChecklistAsksOnlyWhatAppliesToTheDocumentsSent(RequesterType requesterType)
    {
        var request = CheckingRequest(requesterType);
        Assert.Equal(ApplicableToCompleteDocuments(requesterType), request.IdentityChecklistItems);
    }

    [Fact]
    public void AnInsuranceCardOfTheAgentAsksForTheMaskingAndAMyNumberCardForTheBack()
    {
        Assert.Contains(IdentityCheckItem.InsuranceSymbolsMasked,
            IdentityChecklist.For(RequesterType.VoluntaryAgent, [DocumentType.Passport, DocumentType.PowerOfAttorney, DocumentType.HealthInsuranceCard]));
        Assert.Contains(IdentityCheckItem.NoMyNumberCardBack, IdentityChecklist.For(RequesterType.Principal, [DocumentType.MyNumberCardFront]));
        Assert.DoesNotContain(IdentityCheckItem.NoMyNumberCardBack, IdentityChecklist.For(RequesterType.Principal, [DocumentType.Passport]));
    }

    [Fact]
    public void EveryItemSaysWhatToSendInPlainPositiveJapanese()
    {
        foreach (var item in Enum.GetValues<IdentityCheckItem>())
        {
            var text = IdentityChecklist.WhatToSend(item, 6);
            // What to send, not a double negative about what could not be confirmed.
            Assert.Contains("お送りください", text.Japanese, StringComparison.Ordinal);
            Assert.DoesNotContain("ない", text.Japanese.Replace("見えない", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.StartsWith("Please send", text.English, StringComparison.Ordinal);
        }

        Assert.Contains("6か月以内", IdentityChecklist.WhatToSend(IdentityCheckItem.LegalAuthorityDocumentValid, 6).Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void PrincipalChecklistIsThePersonsIdOnly()
    {
        Assert.Equal(PrincipalChecklist, IdentityChecklist.For(RequesterType.Principal));
    }

    [Fact]
    public void VoluntaryAgentChecklistAddsThePowerOfAttorneyAndTheAgentsId()
    {
        Assert.Equal(VoluntaryAgentChecklist, IdentityChecklist.For(RequesterType.VoluntaryAgent));
    }

    [Fact]
    public void LegalRepresentativeChecklistAddsTheLegalAuthorityAndTheRepresentativesId()
    {
        Assert.Equal(LegalRepresentativeChecklist, IdentityChecklist.For(RequesterType.LegalRepresentative));
    }

    [Fact]
    public void UnknownRequesterTypeHasNoChecklist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityChecklist.For((RequesterType)99));
    }

    [Fact]
    public void EveryItemIsDescribedInJapaneseAndEnglish()
    {
        var items = Enum.GetValues<IdentityCheckItem>();
        var labels = items.Select(i => IdentityChecklist.Describe(i)).ToArray();

        Assert.All(labels, l => Assert.False(string.IsNullOrWhiteSpace(l.Japanese)));
        Assert.All(labels, l => Assert.False(string.IsNullOrWhiteSpace(l.English)));
        Assert.Equal(items.Length, labels.Select(l => l.Japanese).Distinct().Count());
        Assert.Equal(items.Length, labels.Select(l => l.English).Distinct().Count());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void LegalAuthorityItemNamesTheConfiguredFreshness(int months)
    {
        var label = IdentityChecklist.Describe(IdentityCheckItem.LegalAuthorityDocumentValid, months);

        Assert.Contains($"発行から{months}か月以内", label.Japanese, StringComparison.Ordinal);
        Assert.Contains($"within {months} months", label.English, StringComparison.Ordinal);
    }

    [Fact]
    public void UnconfirmedListsTheMissingItemsInChecklistOrderIgnoringDuplicatesAndForeignItems()
    {
        IdentityCheckItem[] confirmed =
        [
            IdentityCheckItem.AgentIdAccepted, // not on the principal's list: does not stand in for anything
            IdentityCheckItem.PrincipalNameAndAddressMatch,
            IdentityCheckItem.PrincipalNameAndAddressMatch,
        ];

        var unconfirmed = IdentityChecklist.Unconfirmed(RequesterType.Principal, confirmed);

        Assert.Equal(
            [IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.PrincipalAddressProofValid, IdentityCheckItem.NoMyNumberCardBack, IdentityCheckItem.InsuranceSymbolsMasked],
            unconfirmed);
        Assert.Empty(IdentityChecklist.Unconfirmed(RequesterType.Principal, PrincipalChecklist));
    }

    // ---- Accepting the ID on a request ----------------------------------------------------------------------------

    [Fact]
    public void AcceptIsRefusedNamingTheUnconfirmedItemsInJapaneseAndEnglish()
    {
        var request = CheckingRequest(RequesterType.VoluntaryAgent);
        var before = RequestSnapshot.Of(request);
        var confirmed = VoluntaryAgentChecklist
            .Where(i => i is not (IdentityCheckItem.InsuranceSymbolsMasked or IdentityCheckItem.PowerOfAttorneyValid))
            .ToArray();

        var ex = Assert.Throws<DomainRuleException>(() => request.AcceptIdentity(TestData.Staff, DecideAt, confirmed));

        Assert.Equal("identity.checklist", ex.Code);
        Assert.Equal(
            "確認できていない項目があります：健康保険被保険者証・資格確認書の場合、保険者番号・記号・番号が見えないよう覆われている／"
            + "委任状があり、代理人・請求内容が記載され、ご本人の署名（記名押印）がある",
            ex.Japanese);
        Assert.Equal(ex.Japanese, ex.Message);
        Assert.Equal(
            "Not every point was confirmed: On a health insurance card or eligibility certificate, the insurer number, symbol and number are masked; "
            + "The power of attorney is present, names the agent and the request, and is signed by the person",
            ex.English);

        Assert.Equal(RequestStatus.IdentityCheck, request.Status);
        Assert.Empty(request.IdentityChecks);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void AcceptWithNothingConfirmedNamesEveryItem()
    {
        var request = CheckingRequest(RequesterType.LegalRepresentative);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.AcceptIdentity(TestData.Staff, DecideAt, []));

        Assert.Equal("identity.checklist", ex.Code);
        Assert.Contains("戸籍謄本または成年後見登記事項証明書があり", ex.Japanese, StringComparison.Ordinal);
        Assert.Contains("代理人の本人確認書類の氏名・住所が請求書の記載と一致している", ex.Japanese, StringComparison.Ordinal);
        var applicable = ApplicableToCompleteDocuments(RequesterType.LegalRepresentative).Length;
        Assert.Equal(applicable, ex.Japanese.Split('／').Length);
        Assert.Equal(applicable, ex.English.Split("; ").Length);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void AnotherTypesChecklistDoesNotDo()
    {
        // A legal representative's request checked against the voluntary agent's list: the power of attorney is not
        // the legal authority.
        var request = CheckingRequest(RequesterType.LegalRepresentative);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.AcceptIdentity(TestData.Staff, DecideAt, VoluntaryAgentChecklist));

        Assert.Equal(
            "確認できていない項目があります：戸籍謄本または成年後見登記事項証明書があり、法定代理権が確認でき、発行から3か月以内である",
            ex.Japanese);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Theory]
    [InlineData(RequesterType.Principal)]
    [InlineData(RequesterType.VoluntaryAgent)]
    [InlineData(RequesterType.LegalRepresentative)]
    public void AcceptWithEveryItemConfirmedRecordsTheCheck(RequesterType requesterType)
    {
        var request = CheckingRequest(requesterType, RequestFamily.Correction);
        var expected = ApplicableToCompleteDocuments(requesterType);

        // Confirmed in any order, with a repeat: the record keeps each item once, in order, and only the points that
        // apply (a point about a document nobody sent is never recorded as confirmed).
        request.AcceptIdentity(TestData.Staff, DecideAt, [.. IdentityChecklist.For(requesterType).OrderDescending(), expected[0]]);

        Assert.Equal(RequestStatus.InReview, request.Status);
        var check = Assert.Single(request.IdentityChecks);
        Assert.Equal(IdentityCheckOutcome.Accepted, check.Outcome);
        Assert.Equal(expected.Order(), check.Confirmed);
        Assert.Null(check.Reason);
        Assert.Equal(TestData.Staff, check.CheckedBy);
        Assert.Equal(DecideAt, check.CheckedAt);
        Assert.Equal(TimeSpan.Zero, check.CheckedAt.Offset);
    }

    [Fact]
    public void ChecklistCompleteButDocumentsMissingRecordsNoCheck()
    {
        var request = RequestBuilder.Disclosure().By(RequesterType.VoluntaryAgent).Build();
        request.AttachDocument(TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence));
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() => request.AcceptIdentity(TestData.Staff, DecideAt, VoluntaryAgentChecklist));

        Assert.Equal("identity.missingDocuments", ex.Code);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void AcceptOutsideTheIdentityCheckIsRefusedAndRecordsNoCheck()
    {
        var request = RequestBuilder.Correction().Build();
        TestData.AttachCompleteDocuments(request);
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() => request.AcceptIdentity(TestData.Staff, DecideAt, PrincipalChecklist));

        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    // ---- Returning the request ------------------------------------------------------------------------------------

    [Fact]
    public void ReturnRecordsTheCheckWithReasonAndConfirmedItems()
    {
        var request = CheckingRequest(RequesterType.VoluntaryAgent);

        request.ReturnForDeficiency(
            "  委任状にご本人の署名がありません。 ",
            TestData.Staff,
            DecideAt,
            [IdentityCheckItem.AgentIdAccepted, IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.AgentIdAccepted]);

        Assert.Equal(RequestStatus.ReturnedForDeficiency, request.Status);
        var check = Assert.Single(request.IdentityChecks);
        Assert.Equal(IdentityCheckOutcome.Returned, check.Outcome);
        Assert.Equal("委任状にご本人の署名がありません。", check.Reason);
        Assert.Equal([IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.AgentIdAccepted], check.Confirmed);
        Assert.Equal(TestData.Staff, check.CheckedBy);
        Assert.Equal(DecideAt, check.CheckedAt);
        Assert.Equal(check.Reason, request.StatusHistory[^1].Reason);
    }

    [Fact]
    public void ReturnWithoutConfirmedItemsRecordsNone()
    {
        var request = CheckingRequest(RequesterType.Principal);

        request.ReturnForDeficiency("本人確認書類が判読できません。", TestData.Staff, DecideAt);

        Assert.Empty(Assert.Single(request.IdentityChecks).Confirmed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("　")]
    public void ReturnWithoutAReasonIsRefusedAndRecordsNoCheck(string reason)
    {
        var request = CheckingRequest(RequesterType.Principal);
        var before = RequestSnapshot.Of(request);

        var ex = Assert.Throws<DomainRuleException>(() =>
            request.ReturnForDeficiency(reason, TestData.Staff, DecideAt, PrincipalChecklist.Take(2)));

        Assert.Equal("status.reason", ex.Code);
        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void ReturnBeforeTheCheckIsRefusedAndRecordsNoCheck()
    {
        var request = RequestBuilder.Disclosure().Build();
        var before = RequestSnapshot.Of(request);

        Assert.Throws<InvalidStatusTransitionException>(() =>
            request.ReturnForDeficiency("書類不備", TestData.Staff, CheckAt, PrincipalChecklist.Take(1)));

        Assert.Equal(before, RequestSnapshot.Of(request));
    }

    [Fact]
    public void ChecksAreKeptOldestFirstAcrossReturnAndAcceptance()
    {
        var request = CheckingRequest(RequesterType.Principal, RequestFamily.StopUse);
        request.ReturnForDeficiency("健康保険証の記号・番号が見えています。", TestData.Staff, TestData.Jst(2026, 11, 3),
            [IdentityCheckItem.PrincipalIdAccepted, IdentityCheckItem.PrincipalNameAndAddressMatch, IdentityCheckItem.NoMyNumberCardBack]);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 6));
        request.AcceptIdentity(TestData.Supervisor, TestData.Jst(2026, 11, 6, 14), PrincipalChecklist);

        Assert.Equal([IdentityCheckOutcome.Returned, IdentityCheckOutcome.Accepted], request.IdentityChecks.Select(c => c.Outcome));
        Assert.Equal([TestData.Staff, TestData.Supervisor], request.IdentityChecks.Select(c => c.CheckedBy));
        Assert.DoesNotContain(IdentityCheckItem.InsuranceSymbolsMasked, request.IdentityChecks[0].Confirmed);
        Assert.Equal(ApplicableToCompleteDocuments(RequesterType.Principal).Order(), request.IdentityChecks[1].Confirmed);
    }

    [Fact]
    public void DeficiencyFoundInReviewIsRecordedAsAReturnedCheck()
    {
        var request = CheckingRequest(RequesterType.Principal);
        request.AcceptIdentity(TestData.Staff, DecideAt, PrincipalChecklist);

        request.ReturnForDeficiency("住所が請求書と一致しません。", TestData.Staff, TestData.Jst(2026, 11, 4),
            [IdentityCheckItem.PrincipalIdAccepted]);

        Assert.Equal(2, request.IdentityChecks.Count);
        Assert.Equal(IdentityCheckOutcome.Returned, request.IdentityChecks[^1].Outcome);
        Assert.Equal("住所が請求書と一致しません。", request.IdentityChecks[^1].Reason);
    }

    /// <summary>A request with its documents attached, being checked (default family: correction, so no fee).</summary>
    private static PrivacyRequest CheckingRequest(RequesterType requesterType, RequestFamily family = RequestFamily.Correction)
    {
        var request = RequestBuilder.Of(family).By(requesterType).Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, CheckAt);
        return request;
    }
}
