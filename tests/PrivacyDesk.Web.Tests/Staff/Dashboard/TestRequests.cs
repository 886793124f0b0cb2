using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Tests.Staff.Dashboard;

/// <summary>
/// Requests built through the domain for the dashboard and digest tests: received at a chosen instant, with the ID
/// document attached, and moved along the status machine as a member of staff would.
/// </summary>
public static class TestRequests
{
    public const string GivenName = "花子";
    public const string FamilyName = "山田";
    public const string Email = "hanako.yamada@example.jp";
    public const string Phone = "03-5285-1771";

    /// <summary>The UTC instant of <paramref name="hour"/>:<paramref name="minute"/> JST on <paramref name="day"/>.</summary>
    public static DateTimeOffset Jst(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(9)).ToUniversalTime();

    public static DateOnly Today(DateTimeOffset now) => JapaneseText.JstDate(now);

    public static async Task<PrivacyRequest> NewAsync(PrivacyDeskDbContext db, RequestFamily family, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reference = await new ReferenceNumberAllocator(db).NextAsync(receivedAt);
        var principal = new Person(PartyRole.Principal, $"{FamilyName} {GivenName}", "ヤマダ ハナコ", new DateOnly(1980, 4, 1), "160-0022",
            "東京都", "新宿区新宿", "6-24-20", Phone, Email);
        var details = family switch
        {
            RequestFamily.Disclosure => new RequestDetails("登録情報", Delivery: DeliveryMethod.Electronic),
            RequestFamily.Correction => new RequestDetails("登録住所", "旧住所", "新住所"),
            _ => new RequestDetails("案内の送付", StopGrounds: [StopUseGround.NoLongerNeeded]),
        };
        var request = new PrivacyRequest(reference, AccessToken.Hash(AccessToken.Create()), family, [RequestKinds.Of(family)[0]], Channel.Online,
            RequesterType.Principal, principal, null, details, receivedAt, new FeePolicy(), new DeadlineClock(), PrivacyRequest.MemberActor, now);
        request.AttachDocument(new IdentityDocument(DocumentRole.PrincipalIdentity, DocumentType.DriversLicence, "image/jpeg", 1000,
            new string('a', 64), receivedAt, null));
        return request;
    }

    /// <summary>Identity check and acceptance at <paramref name="at"/>; family (a) then waits for its fee.</summary>
    public static PrivacyRequest Accept(this PrivacyRequest request, DateTimeOffset at)
    {
        request.StartIdentityCheck("staff", at);
        request.AcceptIdentity("staff", at, IdentityChecklist.For(request.RequesterType));
        return request;
    }

    public static PrivacyRequest Pay(this PrivacyRequest request, int amountYen, DateOnly paidOn, DateTimeOffset at)
    {
        request.RecordPayment(new FeePayment(amountYen, paidOn, PaymentMethod.BankTransfer, "ﾔﾏﾀﾞ ﾊﾅｺ", "staff", at));
        return request;
    }

    /// <summary>Decides every kind as asked (disclosed in full, or done) at <paramref name="at"/>.</summary>
    public static PrivacyRequest Decide(this PrivacyRequest request, DateTimeOffset at)
    {
        var outcomes = request.Kinds.Select(k => new KindDecision(k,
            RequestKinds.FamilyOf(k) == RequestFamily.Disclosure ? KindOutcome.FullDisclosure : KindOutcome.Done, null, null,
            RequestKinds.FamilyOf(k) == RequestFamily.Disclosure ? null : "実施しました。",
            RequestKinds.FamilyOf(k) == RequestFamily.Disclosure ? "氏名：試験" : null));
        request.Decide(new Decision(outcomes, "staff", at), requiresApproval: false);
        return request;
    }

    /// <summary>Through the whole path to closed: accepted and (for family (a)) paid at receipt, decided and closed at <paramref name="closedAt"/>.</summary>
    public static PrivacyRequest CloseAt(this PrivacyRequest request, DateTimeOffset closedAt)
    {
        request.Accept(request.ReceivedAt);
        if (request.FeeDueYen > 0)
        {
            request.Pay(request.FeeDueYen, JapaneseText.JstDate(request.ReceivedAt), request.ReceivedAt);
        }

        request.Decide(closedAt);
        request.Close("staff", closedAt);
        return request;
    }
}
