using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Domain.Tests;

public class DocumentRequirementsTests
{
    private static readonly DocumentType[] IdentityTypes =
    [
        DocumentType.MyNumberCardFront,
        DocumentType.DriversLicence,
        DocumentType.HealthInsuranceCard,
        DocumentType.QualificationCertificate,
        DocumentType.Passport,
    ];

    /// <summary>The slots each requester type must fill, written out from the seed (§7(4)イ).</summary>
    private static readonly Dictionary<RequesterType, Dictionary<DocumentRole, DocumentType[]>> ExpectedSlots = new()
    {
        [RequesterType.Principal] = new()
        {
            [DocumentRole.PrincipalIdentity] = IdentityTypes,
        },
        [RequesterType.VoluntaryAgent] = new()
        {
            [DocumentRole.PrincipalIdentity] = IdentityTypes,
            [DocumentRole.Authority] = [DocumentType.PowerOfAttorney],
            [DocumentRole.AgentIdentity] = IdentityTypes,
        },
        [RequesterType.LegalRepresentative] = new()
        {
            [DocumentRole.PrincipalIdentity] = IdentityTypes,
            [DocumentRole.Authority] = [DocumentType.FamilyRegisterCopy, DocumentType.GuardianshipCertificate],
            [DocumentRole.AgentIdentity] = IdentityTypes,
        },
    };

    public static TheoryData<RequesterType> RequesterTypes => new(Enum.GetValues<RequesterType>());

    /// <summary>Every requester type with every slot it must fill.</summary>
    public static TheoryData<RequesterType, DocumentRole> RequiredSlots
    {
        get
        {
            var data = new TheoryData<RequesterType, DocumentRole>();
            foreach (var (type, slots) in ExpectedSlots)
            {
                foreach (var role in slots.Keys)
                {
                    data.Add(type, role);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RequesterTypes))]
    public void RequirementsMatchTheSeed(RequesterType requesterType)
    {
        var requirements = DocumentRequirements.For(requesterType);
        var expected = ExpectedSlots[requesterType];

        Assert.Equal(expected.Count, requirements.Count);
        foreach (var requirement in requirements)
        {
            Assert.True(expected.ContainsKey(requirement.Role), $"Unexpected slot {requirement.Role} for {requesterType}");
            Assert.Equal(expected[requirement.Role].Order(), requirement.AcceptedTypes.Order());
            Assert.False(string.IsNullOrWhiteSpace(requirement.Description.Japanese));
            Assert.False(string.IsNullOrWhiteSpace(requirement.Description.English));
        }
    }

    [Fact]
    public void DescriptionsNameTheDocumentsInJapanese()
    {
        var agent = DocumentRequirements.For(RequesterType.VoluntaryAgent);
        var legal = DocumentRequirements.For(RequesterType.LegalRepresentative);

        Assert.Contains("個人番号カード（表面）", DocumentRequirements.For(RequesterType.Principal)[0].Description.Japanese, StringComparison.Ordinal);
        Assert.Equal("委任状", agent.Single(r => r.Role == DocumentRole.Authority).Description.Japanese);
        Assert.Contains("戸籍謄本", legal.Single(r => r.Role == DocumentRole.Authority).Description.Japanese, StringComparison.Ordinal);
        Assert.Contains("成年後見登記事項証明書", legal.Single(r => r.Role == DocumentRole.Authority).Description.Japanese, StringComparison.Ordinal);
        Assert.Contains("法定代理人", legal.Single(r => r.Role == DocumentRole.AgentIdentity).Description.Japanese, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRequesterTypeIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentRequirements.For((RequesterType)99));
    }

    [Theory]
    [MemberData(nameof(RequesterTypes))]
    public void CompleteSetLeavesNothingMissing(RequesterType requesterType)
    {
        var provided = TestData.CompleteDocuments(requesterType).Select(d => new ProvidedDocument(d.Role, d.Type));

        Assert.Empty(DocumentRequirements.Missing(requesterType, provided));
    }

    [Theory]
    [InlineData(DocumentType.MyNumberCardFront)]
    [InlineData(DocumentType.DriversLicence)]
    [InlineData(DocumentType.HealthInsuranceCard)]
    [InlineData(DocumentType.QualificationCertificate)]
    public void AnyIdentityDocumentWithAnAddressProvesIdentity(DocumentType type)
    {
        Assert.Empty(DocumentRequirements.Missing(RequesterType.Principal, [new ProvidedDocument(DocumentRole.PrincipalIdentity, type)]));
        Assert.Empty(DocumentRequirements.Missing(RequesterType.VoluntaryAgent,
        [
            new ProvidedDocument(DocumentRole.PrincipalIdentity, type),
            new ProvidedDocument(DocumentRole.Authority, DocumentType.PowerOfAttorney),
            new ProvidedDocument(DocumentRole.AgentIdentity, type),
        ]));
    }

    [Theory]
    [InlineData(DocumentType.FamilyRegisterCopy)]
    [InlineData(DocumentType.GuardianshipCertificate)]
    public void EitherRelationshipDocumentProvesLegalAuthority(DocumentType authority)
    {
        var provided = new[]
        {
            new ProvidedDocument(DocumentRole.PrincipalIdentity, DocumentType.MyNumberCardFront),
            new ProvidedDocument(DocumentRole.Authority, authority),
            new ProvidedDocument(DocumentRole.AgentIdentity, DocumentType.DriversLicence),
        };

        Assert.Empty(DocumentRequirements.Missing(RequesterType.LegalRepresentative, provided));
    }

    [Theory]
    [MemberData(nameof(RequiredSlots))]
    public void EachMissingSlotIsReported(RequesterType requesterType, DocumentRole missingRole)
    {
        var provided = TestData.CompleteDocuments(requesterType)
            .Where(d => d.Role != missingRole)
            .Select(d => new ProvidedDocument(d.Role, d.Type));

        var missing = DocumentRequirements.Missing(requesterType, provided);

        var only = Assert.Single(missing);
        Assert.Equal(missingRole, only.Role);
    }

    [Theory]
    [MemberData(nameof(RequesterTypes))]
    public void NothingProvidedMeansEverySlotIsMissing(RequesterType requesterType)
    {
        var missing = DocumentRequirements.Missing(requesterType, []);

        Assert.Equal(ExpectedSlots[requesterType].Keys.Order(), missing.Select(m => m.Role).Order());
    }

    [Fact]
    public void PassportIsNotAPowerOfAttorney()
    {
        var provided = new[]
        {
            new ProvidedDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence),
            new ProvidedDocument(DocumentRole.Authority, DocumentType.Passport),
            new ProvidedDocument(DocumentRole.AgentIdentity, DocumentType.DriversLicence),
        };

        var missing = DocumentRequirements.Missing(RequesterType.VoluntaryAgent, provided);

        Assert.Equal(DocumentRole.Authority, Assert.Single(missing).Role);
        Assert.False(DocumentRequirements.IsAcceptable(RequesterType.VoluntaryAgent, DocumentRole.Authority, DocumentType.Passport));
    }

    [Fact]
    public void PowerOfAttorneyDoesNotProveLegalRepresentation()
    {
        var provided = new[]
        {
            new ProvidedDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence),
            new ProvidedDocument(DocumentRole.Authority, DocumentType.PowerOfAttorney),
            new ProvidedDocument(DocumentRole.AgentIdentity, DocumentType.DriversLicence),
        };

        Assert.Equal(DocumentRole.Authority, Assert.Single(DocumentRequirements.Missing(RequesterType.LegalRepresentative, provided)).Role);
    }

    [Fact]
    public void RightTypeInTheWrongSlotDoesNotCount()
    {
        // The principal's licence filed as the agent's ID leaves the principal's slot empty.
        var provided = new[] { new ProvidedDocument(DocumentRole.AgentIdentity, DocumentType.DriversLicence) };

        Assert.Equal(DocumentRole.PrincipalIdentity, Assert.Single(DocumentRequirements.Missing(RequesterType.Principal, provided)).Role);
    }

    [Theory]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.Passport, true)]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.MyNumberCardFront, true)]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.PowerOfAttorney, false)]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.FamilyRegisterCopy, false)]
    [InlineData(RequesterType.Principal, DocumentRole.PrincipalIdentity, DocumentType.Other, false)]
    [InlineData(RequesterType.Principal, DocumentRole.AgentIdentity, DocumentType.Passport, false)]
    [InlineData(RequesterType.Principal, DocumentRole.Authority, DocumentType.PowerOfAttorney, false)]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.Authority, DocumentType.PowerOfAttorney, true)]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.Authority, DocumentType.Passport, false)]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.Authority, DocumentType.FamilyRegisterCopy, false)]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.AgentIdentity, DocumentType.HealthInsuranceCard, true)]
    [InlineData(RequesterType.VoluntaryAgent, DocumentRole.AgentIdentity, DocumentType.PowerOfAttorney, false)]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, DocumentType.FamilyRegisterCopy, true)]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, DocumentType.GuardianshipCertificate, true)]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, DocumentType.PowerOfAttorney, false)]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.Authority, DocumentType.Passport, false)]
    [InlineData(RequesterType.LegalRepresentative, DocumentRole.AgentIdentity, DocumentType.GuardianshipCertificate, false)]
    public void IsAcceptableFollowsTheSlots(RequesterType requesterType, DocumentRole role, DocumentType type, bool expected)
    {
        Assert.Equal(expected, DocumentRequirements.IsAcceptable(requesterType, role, type));
    }

    [Theory]
    [MemberData(nameof(RequesterTypes))]
    public void SupportingDocumentsOfAnyTypeAreAccepted(RequesterType requesterType)
    {
        foreach (var type in Enum.GetValues<DocumentType>())
        {
            Assert.True(DocumentRequirements.IsAcceptable(requesterType, DocumentRole.Supporting, type), type.ToString());
        }
    }

    [Fact]
    public void SupportingDocumentsDoNotFillASlot()
    {
        var provided = new[] { new ProvidedDocument(DocumentRole.Supporting, DocumentType.Passport) };

        Assert.Single(DocumentRequirements.Missing(RequesterType.Principal, provided));
    }

    [Fact]
    public void OnlyRelationshipDocumentsNeedFreshness()
    {
        foreach (var type in Enum.GetValues<DocumentType>())
        {
            var expected = type is DocumentType.FamilyRegisterCopy or DocumentType.GuardianshipCertificate;
            Assert.Equal(expected, DocumentRequirements.NeedsFreshness(type));
        }
    }

    [Theory]
    // 3 months on 2026-11-29: issued 2026-08-29 is exactly three months old and still fresh; a day earlier is not.
    [InlineData("2026-08-29", "2026-11-29", 3, true)]
    [InlineData("2026-08-28", "2026-11-29", 3, false)]
    [InlineData("2026-08-30", "2026-11-29", 3, true)]
    // The same documents with a 6-month limit.
    [InlineData("2026-08-28", "2026-11-29", 6, true)]
    [InlineData("2026-05-29", "2026-11-29", 6, true)]
    [InlineData("2026-05-28", "2026-11-29", 6, false)]
    // Issued today is fresh; an issue date in the future is not plausible.
    [InlineData("2026-11-29", "2026-11-29", 3, true)]
    [InlineData("2026-11-30", "2026-11-29", 3, false)]
    // Month ends: 31 January plus one month is 28 February.
    [InlineData("2026-01-31", "2026-02-28", 1, true)]
    [InlineData("2026-01-31", "2026-03-01", 1, false)]
    // Across a year end.
    [InlineData("2025-12-15", "2026-03-15", 3, true)]
    [InlineData("2025-12-15", "2026-03-16", 3, false)]
    public void FreshnessBoundaries(string issuedOn, string today, int maxAgeMonths, bool expected)
    {
        var issued = DateOnly.ParseExact(issuedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var on = DateOnly.ParseExact(today, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, DocumentRequirements.IsFresh(issued, on, maxAgeMonths));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void FreshnessLimitMustBePositive(int maxAgeMonths)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DocumentRequirements.IsFresh(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 29), maxAgeMonths));
    }
}
