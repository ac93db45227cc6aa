using OutreachStats.Sandbox.Data;

namespace OutreachStats.Sandbox.Providers.Lemlist;

/// <summary>A send user of the team: the ID and email a sendUser filter names as "usr_…|email".</summary>
internal sealed record LemlistSender(string Id, string Email)
{
    public string SendUser => Id + "|" + Email;
}

/// <summary>The one lemlist team every sandbox key belongs to, with its send users.</summary>
internal sealed class LemlistTeam
{
    private const int SenderCount = 12;

    public LemlistTeam(long seed)
    {
        var rng = Prng.For(seed, (ulong)Data.Stream.Team);
        var domain = Names.Domain(rng.Pick(Names.Companies));
        var senders = new List<LemlistSender>(SenderCount);
        var mailboxes = new HashSet<string>(StringComparer.Ordinal);
        while (senders.Count < SenderCount)
        {
            var mailbox = Names.Mailbox(rng.Pick(Names.First), rng.Pick(Names.Last));
            if (mailboxes.Add(mailbox)) senders.Add(new LemlistSender("usr_" + rng.Alphanumeric(17), mailbox + "@" + domain));
        }
        Senders = senders;
    }

    public IReadOnlyList<LemlistSender> Senders { get; }

    /// <summary>The sender's index in <see cref="Senders"/>, or -1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Senders.Count; i++)
        {
            if (Senders[i].Id == id) return i;
        }
        return -1;
    }
}
