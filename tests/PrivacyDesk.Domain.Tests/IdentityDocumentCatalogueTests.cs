using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>The accepted ID documents as data (issue 13 item 5): 資格確認書, the lapsed insurance card, passports without an address.</summary>
public class IdentityDocumentCatalogueTests
{
    private static readonly IdentityDocumentCatalogue Default = IdentityDocumentCatalogue.Default;

    [Fact]
    public void The_default_is_the_seeds_four_plus_the_eligibility_certificate()
    {
        Assert.Equal(
            [DocumentType.MyNumberCardFront, DocumentType.DriversLicence, DocumentType.HealthInsuranceCard, DocumentType.QualificationCertificate, DocumentType.Passport],
            Default.Documents.Select(d => d.Type));
        Assert.Equal("資格確認書", Labels.DocumentType(DocumentType.QualificationCertificate).Japanese);

        // The 資格確認書 carries the same 記号・番号 as the insurance card, so it takes the same masking point.
        Assert.Equal(Default.Find(DocumentType.HealthInsuranceCard)!.Checks, Default.Find(DocumentType.QualificationCertificate)!.Checks);
        Assert.Equal([DocumentCheck.InsurerNumbersMasked], Default.Find(DocumentType.QualificationCertificate)!.Checks);
        Assert.Equal([DocumentType.ResidentRecordCopy, DocumentType.UtilityBill], Default.AddressProofs);
        Assert.Equal(3, Default.AddressProofMaxAgeMonths);
    }

    [Fact]
    public void The_insurance_card_is_accepted_until_1_December_2025_and_not_a_day_later()
    {
        Assert.True(Default.Accepts(DocumentType.HealthInsuranceCard, new DateOnly(2025, 12, 1)));
        Assert.False(Default.Accepts(DocumentType.HealthInsuranceCard, new DateOnly(2025, 12, 2)));
        Assert.True(Default.Accepts(DocumentType.QualificationCertificate, new DateOnly(2026, 12, 6)));

        var today = new DateOnly(2026, 12, 6);
        Assert.DoesNotContain(DocumentType.HealthInsuranceCard, Default.AcceptedOn(today).Select(d => d.Type));
        Assert.Equal([DocumentType.HealthInsuranceCard], Default.LapsedOn(today).Select(d => d.Type));
        Assert.Equal("個人番号カード（表面）、運転免許証、資格確認書、パスポート", Default.NamesOn(today).Japanese);
    }

    [Fact]
    public void The_requirements_name_the_documents_accepted_that_day()
    {
        var before = DocumentRequirements.For(RequesterType.Principal, Default, new DateOnly(2025, 11, 1))[0].Description.Japanese;
        var after = DocumentRequirements.For(RequesterType.Principal, Default, new DateOnly(2026, 12, 6))[0].Description.Japanese;

        Assert.Contains("健康保険被保険者証", before, StringComparison.Ordinal);
        Assert.DoesNotContain("健康保険被保険者証", after, StringComparison.Ordinal);
        Assert.Contains("資格確認書", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passport_needs_a_proof_of_address_of_a_configured_kind()
    {
        var passport = new[] { new ProvidedDocument(DocumentRole.PrincipalIdentity, DocumentType.Passport) };
        var missing = Assert.Single(DocumentRequirements.Missing(RequesterType.Principal, passport, Default));
        Assert.Equal(DocumentRole.PrincipalAddressProof, missing.Role);
        Assert.Contains("住民票の写し、公共料金の領収書", missing.Description.Japanese, StringComparison.Ordinal);
        Assert.Contains("3か月以内", missing.Description.Japanese, StringComparison.Ordinal);

        Assert.Empty(DocumentRequirements.Missing(RequesterType.Principal,
            [.. passport, new ProvidedDocument(DocumentRole.PrincipalAddressProof, DocumentType.UtilityBill)], Default));

        // A co-op that takes only the 住民票の写し: a utility bill leaves the slot open.
        var residentRecordOnly = new IdentityDocumentCatalogue(Default.Documents, [DocumentType.ResidentRecordCopy], 3);
        Assert.Single(DocumentRequirements.Missing(RequesterType.Principal,
            [.. passport, new ProvidedDocument(DocumentRole.PrincipalAddressProof, DocumentType.UtilityBill)], residentRecordOnly));
        Assert.False(DocumentRequirements.IsAcceptable(RequesterType.Principal, DocumentRole.PrincipalAddressProof, DocumentType.UtilityBill, residentRecordOnly));

        // A driver's licence shows the address: no proof is asked for.
        Assert.Empty(DocumentRequirements.Missing(RequesterType.Principal,
            [new ProvidedDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence)], Default));
    }

    [Fact]
    public void The_agents_address_proof_belongs_only_to_a_request_with_an_agent()
    {
        Assert.False(DocumentRequirements.IsAcceptable(RequesterType.Principal, DocumentRole.AgentAddressProof, DocumentType.ResidentRecordCopy, Default));
        Assert.True(DocumentRequirements.IsAcceptable(RequesterType.VoluntaryAgent, DocumentRole.AgentAddressProof, DocumentType.ResidentRecordCopy, Default));
        Assert.False(DocumentRequirements.IsAcceptable(RequesterType.VoluntaryAgent, DocumentRole.AgentAddressProof, DocumentType.Passport, Default));
    }

    [Fact]
    public void The_checklist_takes_each_documents_own_points_from_the_catalogue()
    {
        IReadOnlyList<IdentityCheckItem> Checklist(IdentityDocumentCatalogue catalogue, params ProvidedDocument[] documents) =>
            IdentityChecklist.For(RequesterType.VoluntaryAgent, documents, catalogue);

        var principalPassport = Checklist(Default,
            new(DocumentRole.PrincipalIdentity, DocumentType.Passport), new(DocumentRole.AgentIdentity, DocumentType.DriversLicence));
        Assert.Contains(IdentityCheckItem.PrincipalAddressProofValid, principalPassport);
        Assert.DoesNotContain(IdentityCheckItem.AgentAddressProofValid, principalPassport);

        var agentPassport = Checklist(Default,
            new(DocumentRole.PrincipalIdentity, DocumentType.QualificationCertificate), new(DocumentRole.AgentIdentity, DocumentType.Passport));
        Assert.Contains(IdentityCheckItem.AgentAddressProofValid, agentPassport);
        Assert.Contains(IdentityCheckItem.InsuranceSymbolsMasked, agentPassport);
        Assert.DoesNotContain(IdentityCheckItem.PrincipalAddressProofValid, agentPassport);

        // A co-op that configures the passport without the address point is not asked for it.
        var withoutProof = new IdentityDocumentCatalogue(
            [new(DocumentType.Passport, []), new(DocumentType.DriversLicence, [])], [DocumentType.ResidentRecordCopy], 3);
        Assert.DoesNotContain(IdentityCheckItem.AgentAddressProofValid,
            Checklist(withoutProof, new(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence), new(DocumentRole.AgentIdentity, DocumentType.Passport)));
    }

    [Fact]
    public void A_passport_without_its_address_proof_cannot_be_accepted()
    {
        var request = RequestBuilder.Of(RequestFamily.Correction).By(RequesterType.Principal).Build();
        request.AttachDocument(TestData.Document(DocumentRole.PrincipalIdentity, DocumentType.Passport));
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 2, 10));
        var checklist = request.IdentityChecklistFor(Default);
        Assert.Contains(IdentityCheckItem.PrincipalAddressProofValid, checklist);

        var refused = Assert.Throws<DomainRuleException>(() =>
            request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 11), checklist.ToArray(), Default));
        Assert.Equal("identity.missingDocuments", refused.Code);
        Assert.Contains("住所を確認できる書類", refused.Japanese, StringComparison.Ordinal);

        request.AttachDocument(TestData.Document(DocumentRole.PrincipalAddressProof, DocumentType.ResidentRecordCopy), Default);
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 2, 11), checklist.ToArray(), Default);
        Assert.Equal(IdentityCheckItem.PrincipalAddressProofValid, request.IdentityChecks[^1].Confirmed.Single(i => i == IdentityCheckItem.PrincipalAddressProofValid));
    }

    [Fact]
    public void A_bad_list_is_refused_with_every_problem_named()
    {
        Assert.Contains(IdentityDocumentCatalogue.Problems([], [DocumentType.ResidentRecordCopy], 3), p => p.Japanese.Contains("1つもありません", StringComparison.Ordinal));

        var problems = IdentityDocumentCatalogue.Problems(
            [
                new(DocumentType.Passport, [DocumentCheck.AddressProof]),
                new(DocumentType.Passport, []),
                new(DocumentType.PowerOfAttorney, []),
                new(DocumentType.DriversLicence, [(DocumentCheck)99]),
            ],
            [DocumentType.DriversLicence],
            13).Select(p => p.English).ToArray();

        Assert.Contains(problems, p => p.Contains("Passport is listed more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PowerOfAttorney is not an identity document type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("99 is not a check point", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DriversLicence is not an address proof type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("from 1 to 12 months", StringComparison.Ordinal));

        Assert.Contains(IdentityDocumentCatalogue.Problems([new(DocumentType.Passport, [DocumentCheck.AddressProof])], [], 3),
            p => p.English.Contains("no address proof is accepted", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new IdentityDocumentCatalogue([], [], 3));
        Assert.Empty(IdentityDocumentCatalogue.Problems(Default.Documents, Default.AddressProofs, Default.AddressProofMaxAgeMonths));
    }
}
