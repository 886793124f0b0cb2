using System.Globalization;
using PrivacyDesk.Domain.Deadlines;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Fees;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;

namespace PrivacyDesk.Tools.Seeding;

/// <summary>
/// Makes one fictitious request and lives it through the domain up to "now": every status change, payment, decision
/// and purge is a domain call, so seeded data obeys the same rules (status machine, fees, documents, decision rules,
/// deadline clock) as real requests. Where a request stands depends on its age: recent ones are still in progress,
/// old ones have ended, apart from the few that stall (overdue) or wait for a member who never answers (stale).
/// </summary>
internal sealed class DemoRequestFactory(
    Random random, FeePolicy feePolicy, DeadlineClock deadlineClock, IReadOnlyList<string> staff, string supervisor,
    DocumentStamp documentStamp, TimeSpan documentRetention)
{
    private readonly Random random = random;
    private readonly string supervisor = supervisor;
    private readonly IReadOnlyList<string> staff = staff;
    private readonly TimeSpan documentRetention = documentRetention;
    private readonly Queue<Person> recentPrincipals = new();

    /// <summary>Builds a request received at <paramref name="receivedAt"/> as it stands at <paramref name="now"/>.</summary>
    public PrivacyRequest Build(DateTimeOffset receivedAt, string referenceNumber, DateTimeOffset now)
    {
        var family = Weighted((RequestFamily.Disclosure, 55), (RequestFamily.Correction, 20), (RequestFamily.StopUse, 25));
        var kinds = Kinds(family);
        var channel = random.Next(100) < 70 ? Channel.Online : Channel.Post;
        var requesterType = Weighted((RequesterType.Principal, 76), (RequesterType.VoluntaryAgent, 16), (RequesterType.LegalRepresentative, 8));

        // A few members file again (by post after online, or impatient) while the first request is open: the queue flags these.
        var principal = random.Next(100) < 2 && recentPrincipals.Count > 0
            ? SamePerson(recentPrincipals.ElementAt(random.Next(recentPrincipals.Count)))
            : NewPerson(PartyRole.Principal, receivedAt, requesterType == RequesterType.LegalRepresentative && random.Next(2) == 0);
        Remember(principal);
        var agent = requesterType == RequesterType.Principal ? null : NewPerson(PartyRole.Agent, receivedAt, minor: false);

        // Post is keyed in by staff on the day it arrives; online requests are created by the member as they arrive.
        var createdAt = channel == Channel.Post ? Min(WholeSeconds(receivedAt + TimeSpan.FromHours(1 + random.NextDouble() * 6)), now) : receivedAt;
        var request = new PrivacyRequest(
            referenceNumber, AccessToken.Hash(AccessToken.Create()), family, kinds, channel, requesterType, principal, agent,
            Details(family, kinds), receivedAt, feePolicy, deadlineClock,
            channel == Channel.Post ? Staff() : PrivacyRequest.MemberActor, createdAt);

        foreach (var requirement in DocumentRequirements.For(requesterType))
        {
            request.AttachDocument(Document(requirement, createdAt, receivedAt));
        }

        // An ID without an address (a passport issued since 2020) comes with a proof of address, as the form asks.
        foreach (var requirement in request.MissingDocuments())
        {
            request.AttachDocument(Document(requirement, createdAt, receivedAt));
        }

        new Life(this, request, now).Live();
        return request;
    }

    /// <summary>Internal notes staff leave on some requests (a separate entity, written next to the request).</summary>
    public IEnumerable<RequestNote> Notes(PrivacyRequest request, DateTimeOffset now)
    {
        var end = request.ClosedAt ?? now;
        var count = random.Next(100) switch { < 75 => 0, < 93 => 1, _ => 2 };
        for (var i = 0; i < count; i++)
        {
            var at = WholeSeconds(request.CreatedAt + (end - request.CreatedAt) * random.NextDouble());
            yield return new RequestNote(request.Id, DemoPools.Notes[random.Next(DemoPools.Notes.Length)], request.AssignedTo ?? Staff(), at);
        }
    }

    private string Staff() => staff[random.Next(staff.Count)];

    private IReadOnlyList<RequestKind> Kinds(RequestFamily family)
    {
        var all = RequestKinds.Of(family);
        var first = family switch
        {
            RequestFamily.Disclosure => Weighted((RequestKind.Disclosure, 60), (RequestKind.PurposeOfUseNotice, 22), (RequestKind.ThirdPartyProvisionRecordDisclosure, 18)),
            RequestFamily.Correction => Weighted((RequestKind.Correction, 65), (RequestKind.Addition, 15), (RequestKind.Deletion, 20)),
            _ => Weighted((RequestKind.StopOfUse, 60), (RequestKind.StopOfThirdPartyProvision, 40)),
        };
        return random.Next(100) < 25 ? [first, all[random.Next(all.Count)]] : [first];
    }

    private RequestDetails Details(RequestFamily family, IReadOnlyList<RequestKind> kinds)
    {
        switch (family)
        {
            case RequestFamily.Disclosure:
                return new RequestDetails(Pick(DemoPools.DisclosureData),
                    Delivery: random.Next(100) < 60 ? DeliveryMethod.Electronic : DeliveryMethod.Post);
            case RequestFamily.Correction:
                var (data, current, correct) = Pick(DemoPools.Corrections);
                return kinds.Contains(RequestKind.Correction) || random.Next(2) == 0
                    ? new RequestDetails(data, current, correct)
                    : new RequestDetails(data);
            default:
                var grounds = Enum.GetValues<StopUseGround>();
                return new RequestDetails(Pick(DemoPools.StopData),
                    StopGrounds: [grounds[random.Next(grounds.Length)], grounds[random.Next(grounds.Length)]],
                    StopGroundDetail: random.Next(3) == 0 ? "案内が不要になったため。" : null);
        }
    }

    private IdentityDocument Document(DocumentRequirement requirement, DateTimeOffset uploadedAt, DateTimeOffset receivedAt)
    {
        var type = requirement.AcceptedTypes[random.Next(requirement.AcceptedTypes.Count)];
        DateOnly? issuedOn = DocumentRequirements.NeedsFreshness(type)
            ? JapaneseText.JstDate(receivedAt).AddDays(-random.Next(3, 80))
            : null;
        return new IdentityDocument(requirement.Role, type, documentStamp.ContentType, documentStamp.Bytes.Length, documentStamp.Sha256, uploadedAt, issuedOn);
    }

    private Person NewPerson(PartyRole role, DateTimeOffset receivedAt, bool minor)
    {
        var family = DemoPools.FamilyNames[Zipf(DemoPools.FamilyNames.Length)];
        var given = DemoPools.GivenNames[Zipf(DemoPools.GivenNames.Length)];
        var place = Pick(DemoPools.Places);
        var age = minor ? random.Next(6, 18) : random.Next(20, 88);
        var birth = JapaneseText.JstDate(receivedAt).AddYears(-age).AddDays(-random.Next(365));
        var number = random.Next(1_000_000);
        return new Person(role, $"{family.Kanji}　{given.Kanji}", random.Next(10) == 0 ? Hiragana($"{family.Kana} {given.Kana}") : $"{family.Kana} {given.Kana}",
            birth, place.PostalCode, place.Prefecture, place.City,
            $"{random.Next(1, 9)}-{random.Next(1, 30)}-{random.Next(1, 20)} {Pick(DemoPools.Buildings)}{random.Next(1, 6)}0{random.Next(1, 9)}号",
            string.Create(CultureInfo.InvariantCulture, $"090-0000-{number % 10_000:D4}"),
            random.Next(100) < 70 ? string.Create(CultureInfo.InvariantCulture, $"demo{number:D6}@example.jp") : null,
            role == PartyRole.Principal && !minor ? string.Create(CultureInfo.InvariantCulture, $"DEMO{random.Next(10_000_000):D7}") : null,
            role == PartyRole.Principal && !minor ? Pick(DemoPools.Coops) : null);
    }

    private static Person SamePerson(Person p) =>
        new(p.Role, p.FullName, p.FullNameKana, p.DateOfBirth, p.PostalCode, p.Prefecture, p.City, p.AddressLine, p.Phone, p.Email, p.MemberNumber, p.MemberCoop);

    private void Remember(Person principal)
    {
        recentPrincipals.Enqueue(principal);
        if (recentPrincipals.Count > 200)
        {
            recentPrincipals.Dequeue();
        }
    }

    /// <summary>Members type kana in hiragana too; the domain stores katakana either way.</summary>
    private static string Hiragana(string katakana) =>
        string.Concat(katakana.Select(c => c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c));

    /// <summary>
    /// Index 0 is the most common, with weight 1/√rank: in the census 佐藤 (about 1.5 % of people) is some seven times as
    /// common as the fiftieth name, which is what this gives over a pool of fifty.
    /// </summary>
    private int Zipf(int count)
    {
        var total = 0.0;
        for (var i = 1; i <= count; i++)
        {
            total += 1.0 / Math.Sqrt(i);
        }

        var target = random.NextDouble() * total;
        for (var i = 1; i <= count; i++)
        {
            target -= 1.0 / Math.Sqrt(i);
            if (target <= 0)
            {
                return i - 1;
            }
        }

        return count - 1;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private T Weighted<T>(params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// Instants in whole seconds: every provider stores them exactly (PostgreSQL keeps microseconds, SQLite's number
    /// 0.1 ms), so the deadline the domain computed here is the one recomputed from the stored history.
    /// </summary>
    internal static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>One request's life from receipt to now. Each step waits a while; a step that would fall after now does not happen.</summary>
    private sealed class Life(DemoRequestFactory f, PrivacyRequest request, DateTimeOffset now)
    {
        private readonly Random random = f.random;
        private DateTimeOffset at = request.CreatedAt;
        private string owner = f.Staff();

        public void Live()
        {
            // Some family (a) members send the fee with the form, before anyone has looked at it.
            if (request.FeeDueYen > 0 && random.Next(100) < 30 && Wait(0.5, 4))
            {
                Pay(request.FeeDueYen);
            }

            if (!Wait(0.1, 3))
            {
                return;
            }

            request.StartIdentityCheck(owner, at);
            if (random.Next(100) < 75)
            {
                request.AssignTo(owner, f.supervisor, at);
            }

            if (!CheckIdentity() || !CollectFee() || !Review())
            {
                return;
            }

            if (Wait(0.3, 4))
            {
                request.Close(owner, at);
                Purge(request.ClosedAt!.Value);
            }
        }

        /// <summary>Documents until accepted: some are returned (and resubmitted, or never), some requests end here.</summary>
        private bool CheckIdentity()
        {
            for (var round = 0; ; round++)
            {
                var roll = random.Next(100);
                if (!Wait(0.2, 3))
                {
                    return false;
                }

                if (roll < 2)
                {
                    Reject(DemoPools.RejectionReasons[2]);
                    return false;
                }

                if (roll < 4)
                {
                    Withdraw();
                    return false;
                }

                if (roll < 18 && round < 2)
                {
                    var checklist = request.IdentityChecklistItems;
                    request.ReturnForDeficiency(DemoPools.DeficiencyReasons[random.Next(DemoPools.DeficiencyReasons.Length)], owner, at,
                        checklist.Take(random.Next(checklist.Count)));
                    if (!AwaitMember(DemoPools.RejectionReasons[0]))
                    {
                        return false;
                    }

                    // The member sends a better copy of the ID; staff look again.
                    var missing = DocumentRequirements.For(request.RequesterType)[0];
                    request.AttachDocument(f.Document(missing, at, request.ReceivedAt));
                    foreach (var proof in request.MissingDocuments())
                    {
                        request.AttachDocument(f.Document(proof, at, request.ReceivedAt));
                    }

                    request.StartIdentityCheck(owner, at);
                    continue;
                }

                request.AcceptIdentity(owner, at, request.IdentityChecklistItems);
                return true;
            }
        }

        /// <summary>Family (a) waits for the fee unless it came with the form.</summary>
        private bool CollectFee()
        {
            if (request.Status != RequestStatus.AwaitingFee)
            {
                return true;
            }

            var roll = random.Next(100);
            if (roll < 10)
            {
                return AwaitMember(DemoPools.RejectionReasons[1], payAfterAll: false);
            }

            if (roll < 14)
            {
                if (Wait(1, 20))
                {
                    Withdraw();
                }

                return false;
            }

            if (!Wait(1, 15))
            {
                return false;
            }

            Pay(request.FeeDueYen);
            return request.Status == RequestStatus.InReview;
        }

        private bool Review()
        {
            var roll = random.Next(1000);

            // A few stall in review: nobody picks them up again, and they turn overdue.
            if (roll < 25 && now - request.ReceivedAt < TimeSpan.FromDays(150))
            {
                return false;
            }

            if (roll < 40)
            {
                if (Wait(1, 10))
                {
                    Withdraw();
                }

                return false;
            }

            // Mostly within the 14-day target, with a tail of late answers.
            if (!Wait(1, random.Next(100) < 85 ? 11 : 24))
            {
                return false;
            }

            request.Decide(Decide());

            // Four-eyes: a supervisor approves before the letter goes out; now and then the decision is sent back once.
            if (random.Next(100) < 4)
            {
                if (!Wait(0.2, 2))
                {
                    return false;
                }

                request.SendBackForRevision(DemoPools.RevisionReasons[random.Next(DemoPools.RevisionReasons.Length)], f.supervisor, at);
                if (!Wait(0.5, 4))
                {
                    return false;
                }

                request.Decide(Decide());
            }

            if (!Wait(0.1, 3))
            {
                return false;
            }

            request.ApproveDecision(f.supervisor != owner ? f.supervisor : f.staff.FirstOrDefault(s => s != owner) ?? "demo-supervisor-1", at);

            // A double transfer is paid back once the decision is out, before the request closes.
            if (request.FeePaidYen > request.FeeDueYen)
            {
                if (!Wait(0.1, 1))
                {
                    return false;
                }

                Refund(request.FeePaidYen - request.FeeDueYen);
            }

            return true;
        }

        private Decision Decide()
        {
            var outcomes = request.Kinds.Select(kind =>
            {
                var outcome = RequestKinds.FamilyOf(kind) == RequestFamily.Disclosure
                    ? f.Weighted((KindOutcome.FullDisclosure, 66), (KindOutcome.PartialDisclosure, kind == RequestKind.PurposeOfUseNotice ? 0 : 14),
                        (KindOutcome.NoDisclosure, 6), (KindOutcome.NoDataHeld, 14))
                    : f.Weighted((KindOutcome.Done, 70), (KindOutcome.NotDone, 18), (KindOutcome.NoDataHeld, 12));
                var choices = DecisionRules.GroundsFor(kind, request.IsIdentityConfirmed);
                var grounds = DecisionRules.NeedsGrounds(outcome)
                    ? choices.Where(_ => random.Next(3) == 0).DefaultIfEmpty(choices[1])
                    : null;
                var reason = DecisionRules.NeedsReason(outcome) ? DemoPools.Reason(outcome, random.Next(2)) : null;
                var detail = DecisionRules.NeedsDetail(outcome) && RequestKinds.FamilyOf(kind) != RequestFamily.Disclosure
                    ? DemoPools.Done(kind)
                    : null;
                // Each kind its own content (ADR 0020): the data for a disclosure, the records for a records disclosure.
                return new KindDecision(kind, outcome, grounds, reason, detail, DemoPools.ContentFor(kind));
            }).ToList();
            return new Decision(outcomes, owner, at);
        }

        /// <summary>
        /// The co-op waits for the member (documents or fee). Most answer; some never do and, after two to three months,
        /// are rejected, or still wait (hidden from the queue as stale). Returns whether the request goes on.
        /// </summary>
        private bool AwaitMember(string rejection, bool payAfterAll = true)
        {
            var roll = random.Next(100);
            if (roll < 8 || !payAfterAll)
            {
                if (random.Next(2) == 0 && Wait(60, 90))
                {
                    Reject(rejection);
                }

                return false;
            }

            if (roll < 14)
            {
                if (Wait(2, 30))
                {
                    Withdraw();
                }

                return false;
            }

            return Wait(1, 20);
        }

        private void Pay(int amount)
        {
            var method = f.Weighted((PaymentMethod.BankTransfer, 65), (PaymentMethod.CashAtCounter, 15), (PaymentMethod.PostalMoneyOrder, 20));
            var payer = method == PaymentMethod.CashAtCounter ? null : (request.Agent ?? request.Principal).FullNameKana;
            request.RecordPayment(new FeePayment(amount, JapaneseText.JstDate(at).AddDays(-random.Next(0, 2)), method, payer, owner, at));

            // Now and then a member transfers twice; the extra is refunded after the decision.
            if (method == PaymentMethod.BankTransfer && random.Next(100) < 2)
            {
                request.RecordPayment(new FeePayment(amount, JapaneseText.JstDate(at), method, payer, owner, at + TimeSpan.FromMinutes(3)));
            }
        }

        private void Refund(int amount) =>
            request.RecordPayment(new FeePayment(-amount, JapaneseText.JstDate(at), PaymentMethod.BankTransfer, null, owner, at));

        private void Withdraw()
        {
            request.Withdraw(PrivacyRequest.MemberActor, at, DemoPools.WithdrawalReasons[random.Next(DemoPools.WithdrawalReasons.Length)]);
            if (request.FeePaidYen > 0 && Wait(0.5, 5))
            {
                Refund(request.FeePaidYen);
            }

            Purge(request.ClosedAt!.Value);
        }

        private void Reject(string reason)
        {
            request.Reject(reason, owner, at);
            Purge(request.ClosedAt!.Value);
        }

        /// <summary>ID documents are disposed of once the request has ended and the retention period has passed.</summary>
        private void Purge(DateTimeOffset endedAt)
        {
            var purgeAt = endedAt + f.documentRetention;
            if (purgeAt <= now)
            {
                foreach (var document in request.Documents)
                {
                    document.MarkPurged(purgeAt);
                }
            }
        }

        /// <summary>Moves the clock on by a random time in days; false (and no move) when that would pass now.</summary>
        private bool Wait(double minDays, double maxDays)
        {
            var next = WholeSeconds(at + TimeSpan.FromDays(minDays + random.NextDouble() * (maxDays - minDays)));
            if (next > now)
            {
                return false;
            }

            at = next;
            return true;
        }
    }
}

/// <summary>The one placeholder image every demo document stands for (see DemoSeeder on why the content is shared).</summary>
internal sealed record DocumentStamp(string ContentType, byte[] Bytes, string Sha256);
