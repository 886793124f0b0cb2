using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Fees;

public enum PaymentMethod
{
    /// <summary>振込.</summary>
    BankTransfer = 1,

    /// <summary>窓口での現金.</summary>
    CashAtCounter = 2,

    /// <summary>定額小為替.</summary>
    PostalMoneyOrder = 3,
}

/// <summary>
/// The fee rule of the seed (§7(4)): family (a) costs a fixed amount per request (default ¥1,000) and the fee is owed
/// even when the answer is non-disclosure or no notice. Families (b) and (c) are free.
/// </summary>
public sealed class FeePolicy
{
    public const int DefaultAmountYen = 1_000;

    public FeePolicy(int disclosureFeeYen = DefaultAmountYen)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(disclosureFeeYen);
        DisclosureFeeYen = disclosureFeeYen;
    }

    public int DisclosureFeeYen { get; }

    /// <summary>The amount due for one request of <paramref name="family"/>. It does not depend on the outcome.</summary>
    public int AmountDueYen(RequestFamily family) => family == RequestFamily.Disclosure ? DisclosureFeeYen : 0;
}

/// <summary>A payment (or refund, as a negative amount) received against a request's fee.</summary>
public sealed class FeePayment
{
    private FeePayment()
    {
    }

    public FeePayment(int amountYen, DateOnly paidOn, PaymentMethod method, string? payerName, string recordedBy, DateTimeOffset recordedAt, Guid? creditId = null)
    {
        if (amountYen == 0)
        {
            throw new DomainRuleException("fee.zero", "金額を入力してください。", "Enter an amount.");
        }

        Id = Guid.CreateVersion7();
        AmountYen = amountYen;
        PaidOn = paidOn;
        Method = method;
        PayerName = string.IsNullOrWhiteSpace(payerName) ? null : payerName.Trim();
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        CreditId = creditId;
    }

    /// <summary>
    /// A refund of <paramref name="amountYen"/> (given as a positive amount, as staff type it): stored as a negative
    /// payment, so that what was paid is the sum of the ledger.
    /// </summary>
    public static FeePayment Refund(int amountYen, DateOnly paidOn, PaymentMethod method, string? payerName, string recordedBy, DateTimeOffset recordedAt)
    {
        if (amountYen <= 0)
        {
            throw new DomainRuleException("fee.refundAmount", "返金額は正の金額で入力してください。", "Enter the refund as a positive amount.");
        }

        return new FeePayment(-amountYen, paidOn, method, payerName, recordedBy, recordedAt);
    }

    public Guid Id { get; private set; }

    /// <summary>Positive for money received, negative for a refund.</summary>
    public int AmountYen { get; private set; }

    public DateOnly PaidOn { get; private set; }
    public PaymentMethod Method { get; private set; }

    /// <summary>振込依頼人名 as the bank reports it (half-width kana in bank files).</summary>
    public string? PayerName { get; private set; }

    public string RecordedBy { get; private set; } = string.Empty;
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The imported bank credit this payment came from (<see cref="BankFiles.ImportedCredit"/>), if any.</summary>
    public Guid? CreditId { get; private set; }
}
