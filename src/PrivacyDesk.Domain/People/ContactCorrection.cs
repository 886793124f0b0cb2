namespace PrivacyDesk.Domain.People;

/// <summary>The contact details staff may correct on a filed request (ADR 0024); names and birth dates are not among them.</summary>
public enum ContactField
{
    /// <summary>〒, prefecture, city and address line, corrected together.</summary>
    Address = 1,

    Phone = 2,

    Email = 3,
}

/// <summary>A person's contact details as staff correct them: all three at once, the unchanged ones as they were.</summary>
public sealed record ContactDetails(string PostalCode, string Prefecture, string City, string AddressLine, string Phone, string? Email);

/// <summary>
/// One corrected contact detail of a person on a request: what it was, what it became, why, by whom and when. It is the
/// history of the change; the audit row names only the field and this row's id, since the values are personal data.
/// </summary>
public sealed class ContactCorrection
{
    private ContactCorrection()
    {
        Reason = CorrectedBy = string.Empty;
    }

    internal ContactCorrection(Guid personId, PartyRole party, ContactField field, string? oldValue, string? newValue, string reason, string correctedBy, DateTimeOffset correctedAt)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        Party = party;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
        CorrectedBy = correctedBy;
        CorrectedAt = correctedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public PartyRole Party { get; private set; }
    public ContactField Field { get; private set; }

    /// <summary>The value before the correction, as shown (an address on one line with its 〒); null for no email.</summary>
    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }
    public string Reason { get; private set; }
    public string CorrectedBy { get; private set; }
    public DateTimeOffset CorrectedAt { get; private set; }
}
