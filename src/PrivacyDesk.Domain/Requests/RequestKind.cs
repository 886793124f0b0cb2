namespace PrivacyDesk.Domain.Requests;

/// <summary>The three request families of the co-op's policy (§7): (a), (b) and (c).</summary>
public enum RequestFamily
{
    /// <summary>(a) 利用目的の通知・開示・第三者提供記録の開示 (APPI Arts. 32, 33).</summary>
    Disclosure = 1,

    /// <summary>(b) 訂正・追加・削除 (APPI Art. 34).</summary>
    Correction = 2,

    /// <summary>(c) 利用停止・第三者提供の停止 (APPI Art. 35).</summary>
    StopUse = 3,
}

/// <summary>What exactly the member asks for. One request names one or more kinds of a single family.</summary>
public enum RequestKind
{
    PurposeOfUseNotice = 10,
    Disclosure = 11,
    ThirdPartyProvisionRecordDisclosure = 12,
    Correction = 20,
    Addition = 21,
    Deletion = 22,
    StopOfUse = 30,
    StopOfThirdPartyProvision = 31,
}

public static class RequestKinds
{
    public static RequestFamily FamilyOf(RequestKind kind) => kind switch
    {
        RequestKind.PurposeOfUseNotice or RequestKind.Disclosure or RequestKind.ThirdPartyProvisionRecordDisclosure
            => RequestFamily.Disclosure,
        RequestKind.Correction or RequestKind.Addition or RequestKind.Deletion => RequestFamily.Correction,
        RequestKind.StopOfUse or RequestKind.StopOfThirdPartyProvision => RequestFamily.StopUse,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown request kind."),
    };

    public static IReadOnlyList<RequestKind> Of(RequestFamily family) =>
        Enum.GetValues<RequestKind>().Where(k => FamilyOf(k) == family).ToArray();

    /// <summary>
    /// Checks that the kinds are non-empty, distinct and all of <paramref name="family"/>; returns them in a stable order.
    /// </summary>
    public static IReadOnlyList<RequestKind> Validate(RequestFamily family, IEnumerable<RequestKind> kinds)
    {
        var list = kinds.Distinct().OrderBy(k => k).ToArray();
        if (list.Length == 0)
        {
            throw new DomainRuleException("kinds.empty",
                "請求の種類を1つ以上選んでください。",
                "Choose at least one kind of request.");
        }

        var foreign = list.Where(k => FamilyOf(k) != family).ToArray();
        if (foreign.Length > 0)
        {
            throw new DomainRuleException("kinds.family",
                $"「{Labels.Family(family).Japanese}」の請求に、別の種類（{string.Join("、", foreign.Select(k => Labels.Kind(k).Japanese))}）は含められません。",
                $"A {Labels.Family(family).English} request cannot include {string.Join(", ", foreign.Select(k => Labels.Kind(k).English))}.");
        }

        return list;
    }
}

public enum Channel
{
    Online = 1,
    Post = 2,
}

/// <summary>How a family (a) result reaches the member (APPI Art. 33(1): the method the person chose).</summary>
public enum DeliveryMethod
{
    /// <summary>電磁的記録: a download on the status page, with an email notice.</summary>
    Electronic = 1,

    /// <summary>書面: a letter by post.</summary>
    Post = 2,
}

/// <summary>Why the member asks to stop use (APPI Art. 35, including the grounds added in 2022).</summary>
public enum StopUseGround
{
    /// <summary>目的外利用 (Art. 18) — used beyond the purpose.</summary>
    UsedBeyondPurpose = 1,

    /// <summary>不適正利用 (Art. 19) — improper use.</summary>
    ImproperUse = 2,

    /// <summary>不正取得 (Art. 20) — obtained improperly.</summary>
    ImproperlyObtained = 3,

    /// <summary>本人の同意のない第三者提供 (Arts. 27, 28).</summary>
    ProvidedWithoutConsent = 4,

    /// <summary>利用する必要がなくなった (2022).</summary>
    NoLongerNeeded = 5,

    /// <summary>漏えい等の事案が生じた (Art. 26, 2022).</summary>
    LeakOccurred = 6,

    /// <summary>本人の権利又は正当な利益が害されるおそれ (2022).</summary>
    RightsAtRisk = 7,
}
