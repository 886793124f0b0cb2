using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Data;

namespace PrivacyDesk.Web.Seeding;

/// <summary>
/// Fills the store with realistic, entirely fictitious requests at every stage, for trying the app and for the
/// benchmarks. Requests go through the domain methods, so the data obeys the same rules as real requests.
/// </summary>
public sealed class DemoSeeder(PrivacyDeskDbContext db, ReferenceNumberAllocator allocator, FeePolicy feePolicy, DeadlineClock deadlineClock, TimeProvider clock)
{
    private const int BatchSize = 5_000;
    private const string SeedActor = "seed-demo";

    private static readonly (string Kanji, string Kana)[] FamilyNames =
    [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"),
        ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"),
        ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"),
        ("井上", "イノウエ"), ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
    ];

    private static readonly (string Kanji, string Kana)[] GivenNames =
    [
        ("陽子", "ヨウコ"), ("翔太", "ショウタ"), ("美咲", "ミサキ"), ("健一", "ケンイチ"), ("由美", "ユミ"),
        ("大輔", "ダイスケ"), ("恵", "メグミ"), ("拓也", "タクヤ"), ("直子", "ナオコ"), ("誠", "マコト"),
        ("さくら", "サクラ"), ("隆", "タカシ"), ("裕子", "ユウコ"), ("亮", "リョウ"), ("智子", "トモコ"),
    ];

    private static readonly (string Prefecture, string City, string PostalCode)[] Places =
    [
        ("東京都", "新宿区新宿", "160-0022"), ("東京都", "世田谷区三軒茶屋", "154-0024"), ("神奈川県", "横浜市港北区日吉", "223-0061"),
        ("埼玉県", "さいたま市浦和区高砂", "330-0063"), ("千葉県", "千葉市中央区中央", "260-0013"), ("長野県", "松本市中央", "390-0811"),
        ("北海道", "札幌市中央区北一条西", "060-0001"), ("愛知県", "名古屋市中区栄", "460-0008"), ("大阪府", "大阪市北区梅田", "530-0001"),
        ("山形県", "山形市香澄町", "990-0039"),
    ];

    private static readonly string[] Coops = ["生活クラブ東京", "生活クラブ神奈川", "生活クラブ埼玉", "生活クラブ千葉", "生活クラブ長野"];

    public async Task<int> SeedAsync(int count, int seed, Action<int>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var now = clock.GetUtcNow();
        var created = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // One connection for the whole run; on SQLite, demo data needs no fsync per batch (a crash just means seeding again).
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF;", cancellationToken);
        }

        while (created < count)
        {
            var batch = Math.Min(BatchSize, count - created);
            var receipts = Enumerable.Range(0, batch)
                .Select(_ => now - TimeSpan.FromMinutes(random.Next(10, 60 * 24 * 365)))
                .Order()
                .ToArray();

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var requests = new List<PrivacyRequest>(batch);
            foreach (var year in receipts.GroupBy(r => JapaneseText.JstDate(r).Year))
            {
                var last = await allocator.ReserveAsync(year.Key, year.Count(), cancellationToken);
                var next = last - year.Count() + 1;
                foreach (var receivedAt in year)
                {
                    requests.Add(Build(random, now, receivedAt, ReferenceNumber.Format(year.Key, next++)));
                }
            }

            db.Requests.AddRange(requests);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            created += batch;
            progress?.Invoke(created);
        }

        return created;
    }

    private PrivacyRequest Build(Random random, DateTimeOffset now, DateTimeOffset receivedAt, string referenceNumber)
    {
        var family = (RequestFamily)random.Next(1, 4);
        var allKinds = RequestKinds.Of(family);
        var kinds = allKinds.Where(_ => random.Next(3) == 0).DefaultIfEmpty(allKinds[random.Next(allKinds.Count)]).ToArray();
        var requesterType = random.Next(10) switch { < 7 => RequesterType.Principal, < 9 => RequesterType.VoluntaryAgent, _ => RequesterType.LegalRepresentative };
        var principal = NewPerson(random, PartyRole.Principal, receivedAt);
        var agent = requesterType == RequesterType.Principal ? null : NewPerson(random, PartyRole.Agent, receivedAt);
        var details = family switch
        {
            RequestFamily.Disclosure => new RequestDetails("共同購入の利用履歴と登録内容", Delivery: random.Next(2) == 0 ? DeliveryMethod.Electronic : DeliveryMethod.Post),
            RequestFamily.Correction => new RequestDetails("組合員登録の住所", "旧住所（転居前）", "現住所（転居後）"),
            _ => new RequestDetails("案内郵便物の送付先としての利用", StopGrounds: [StopUseGround.NoLongerNeeded]),
        };

        var request = new PrivacyRequest(
            referenceNumber, AccessToken.Hash(AccessToken.Create()), family, kinds,
            random.Next(4) == 0 ? Channel.Post : Channel.Online, requesterType, principal, agent, details, receivedAt, feePolicy, deadlineClock,
            PrivacyRequest.MemberActor, now);

        foreach (var requirement in DocumentRequirements.For(requesterType))
        {
            var type = requirement.AcceptedTypes[random.Next(requirement.AcceptedTypes.Count)];
            request.AttachDocument(new IdentityDocument(requirement.Role, type, "image/jpeg", 200_000 + random.Next(800_000),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(random.NextInt64()))),
                receivedAt, DocumentRequirements.NeedsFreshness(type) ? JapaneseText.JstDate(receivedAt).AddDays(-20) : null));
        }

        Advance(request, random, receivedAt, now);
        return request;
    }

    /// <summary>Moves the request along the main path to a random stage, through the domain's own transitions.</summary>
    private static void Advance(PrivacyRequest request, Random random, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        var age = now - receivedAt;
        var stage = random.Next(100);
        var at = receivedAt;
        DateTimeOffset Step(double maxDays)
        {
            at += TimeSpan.FromHours(1 + random.NextDouble() * 24 * maxDays);
            return at < now ? at : now;
        }

        if (stage < 8)
        {
            return;
        }

        request.StartIdentityCheck(SeedActor, Step(1));
        if (stage < 15)
        {
            return;
        }

        if (stage < 20)
        {
            request.ReturnForDeficiency("健康保険被保険者証の記号・番号がマスキングされていません。", SeedActor, Step(2));
            return;
        }

        if (stage < 22)
        {
            request.Withdraw(PrivacyRequest.MemberActor, Step(3));
            return;
        }

        request.AcceptIdentity(SeedActor, Step(2), IdentityChecklist.For(request.RequesterType));
        if (request.FeeDueYen > 0)
        {
            if (stage < 30)
            {
                return;
            }

            var paidOn = Step(5);
            request.RecordPayment(new FeePayment(request.FeeDueYen, JapaneseText.JstDate(paidOn), PaymentMethod.BankTransfer,
                "ｾｲｶﾂ ﾀﾛｳ", SeedActor, paidOn));
        }

        if (stage < 45 || age < TimeSpan.FromDays(3))
        {
            return;
        }

        var outcomes = request.Kinds.Select(kind => DemoOutcome(kind, random)).ToArray();
        request.Decide(new Decision(outcomes, SeedActor, Step(8)));
        if (stage < 55)
        {
            return;
        }

        request.Close(SeedActor, Step(2));
    }

    private static KindDecision DemoOutcome(RequestKind kind, Random random)
    {
        var allowed = DecisionRules.AllowedOutcomes(kind);
        var outcome = random.Next(10) < 7 ? allowed[0] : allowed[random.Next(allowed.Count)];
        var grounds = DecisionRules.NeedsGrounds(outcome) ? new[] { NonDisclosureGround.SeriousHindranceToBusiness } : null;
        var reason = DecisionRules.NeedsReason(outcome) ? "他の組合員の個人情報が含まれるため、当該部分を除いて対応しました。" : null;
        return new KindDecision(kind, outcome, grounds, reason);
    }

    private static Person NewPerson(Random random, PartyRole role, DateTimeOffset receivedAt)
    {
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var given = GivenNames[random.Next(GivenNames.Length)];
        var place = Places[random.Next(Places.Length)];
        var birth = JapaneseText.JstDate(receivedAt).AddYears(-random.Next(20, 85)).AddDays(-random.Next(365));
        var phone = $"090-{random.Next(1000, 9999)}-{random.Next(1000, 9999)}";
        return new Person(role, $"{family.Kanji} {given.Kanji}", $"{family.Kana} {given.Kana}", birth, place.PostalCode,
            place.Prefecture, place.City, $"{random.Next(1, 9)}-{random.Next(1, 30)}-{random.Next(1, 20)}", phone,
            $"member{random.Next(100000, 999999)}@example.jp",
            role == PartyRole.Principal ? random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            role == PartyRole.Principal ? Coops[random.Next(Coops.Length)] : null);
    }
}
