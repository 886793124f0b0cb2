namespace PrivacyDesk.Domain.Requests;

/// <summary>How a reissued 確認用コード reaches the member (ADR 0024).</summary>
public enum StatusCodeDelivery
{
    /// <summary>By mail through the outbox, to the address on the request.</summary>
    Mail = 1,

    /// <summary>By post: a letter with the code printed on it.</summary>
    Post = 2,
}

/// <summary>How staff checked that the caller asking for a new status code is the requester (ADR 0024).</summary>
public enum CallerVerification
{
    /// <summary>折り返し: staff called back the phone number on the request.</summary>
    CalledBackRegisteredPhone = 1,

    /// <summary>The caller gave the reference number, name, date of birth and address on the request, and they matched.</summary>
    RegisteredDetailsMatched = 2,

    /// <summary>At the counter, with an identity document.</summary>
    InPersonWithDocument = 3,

    /// <summary>A written request with a copy of an identity document.</summary>
    WrittenRequestWithDocument = 4,
}
