using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Money keeps moving after a request ends: a late duplicate transfer is recorded, then refunded.</summary>
public class FeeAfterCloseTests
{
    [Fact]
    public void AnOverpaymentAndItsRefundAreRecordedAfterTheRequestEnded()
    {
        var request = RequestBuilder.Disclosure().Build();
        TestData.AttachCompleteDocuments(request);
        request.StartIdentityCheck(TestData.Staff, TestData.Jst(2026, 11, 3));
        request.AcceptIdentity(TestData.Staff, TestData.Jst(2026, 11, 3, 11), TestData.FullChecklist(request));
        request.RecordPayment(TestData.Payment(1_000, TestData.Jst(2026, 11, 4)));
        request.Withdraw(TestData.Staff, TestData.Jst(2026, 11, 5));
        Assert.False(request.IsOpen);

        request.RecordPayment(new FeePayment(1_000, new DateOnly(2026, 11, 6), PaymentMethod.BankTransfer, "ﾔﾏﾀﾞ ﾀﾛｳ", TestData.Staff, TestData.Jst(2026, 11, 6)));
        Assert.Equal(2_000, request.FeePaidYen);

        request.RecordPayment(new FeePayment(-1_000, new DateOnly(2026, 11, 7), PaymentMethod.BankTransfer, null, TestData.Staff, TestData.Jst(2026, 11, 7)));

        Assert.Equal(1_000, request.FeePaidYen);
        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Throws<DomainRuleException>(() =>
            request.RecordPayment(new FeePayment(-1_500, new DateOnly(2026, 11, 8), PaymentMethod.BankTransfer, null, TestData.Staff, TestData.Jst(2026, 11, 8))));
    }
}
