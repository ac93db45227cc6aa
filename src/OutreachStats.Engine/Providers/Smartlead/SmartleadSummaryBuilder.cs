using System;
using System.Collections.Generic;
using System.Linq;
using OutreachStats.Model;

namespace OutreachStats.Providers.Smartlead;

/// <summary>
/// Adds up one campaign's statistics rows as they stream by, per sequence step and for the
/// whole campaign, holding only the sums and, per lead, its first reply and last unsubscribed
/// send (never the rows).
/// <list type="bullet">
/// <item>An aggregate row (documented shape) adds its counts to its step.</item>
/// <item>A per-send row is one email sent. Opened, Clicked and Bounced count the sends with an
/// open (open_time or open_count), a click (click_time or click_count) or is_bounced.</item>
/// <item>Replied: a reply is a reply_time (lead_category alone is not one, and ignore_reply does
/// not change it). Each lead counts once, at the step of its first reply: of the lead's rows that
/// carry that reply time (one reply can appear on several rows), the latest sent. Leads are told
/// apart by lead_email, ignoring case; a row without one counts as its own lead.</item>
/// <item>Unsubscribed: each lead once, at its latest send marked is_unsubscribed.</item>
/// </list>
/// The campaign's row is the sum of its steps; -Summary writes it, -Summary -PerStep the steps.
/// </summary>
internal sealed class SmartleadSummaryBuilder
{
    private readonly long _campaignId;
    private readonly SmartleadStatisticsQuery _query;
    private readonly SortedDictionary<int, Sums> _steps = new();
    private readonly Dictionary<string, Send> _firstReplies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Send> _lastUnsubscribes = new(StringComparer.OrdinalIgnoreCase);
    private int _anonymousLeads;

    public SmartleadSummaryBuilder(long campaignId, SmartleadStatisticsQuery query)
    {
        _campaignId = campaignId;
        _query = query;
    }

    public void Add(object row)
    {
        switch (row)
        {
            case SmartleadSequenceStats step:
                Step(step.SequenceNumber).Add(new Sums
                {
                    Rows = 1,
                    Sent = step.Sent,
                    Opened = step.Opened,
                    Clicked = step.Clicked,
                    Replied = step.Replied,
                    Unsubscribed = step.Unsubscribed,
                    Bounced = step.Bounced,
                });
                break;
            case SmartleadSendStats send:
                AddSend(send);
                break;
            default:
                throw new ArgumentException("Not a Smartlead statistics row.", nameof(row));
        }
    }

    /// <summary>The campaign's summary, and one per step in step order; the steps add up to the campaign.</summary>
    public (SmartleadStatisticsSummary Campaign, IReadOnlyList<SmartleadStatisticsSummary> Steps) Build()
    {
        foreach (var reply in _firstReplies.Values) Step(reply.SequenceNumber).Replied++;
        foreach (var unsubscribe in _lastUnsubscribes.Values) Step(unsubscribe.SequenceNumber).Unsubscribed++;

        var steps = _steps.Select(pair => Summary(SmartleadStatisticsSummary.StepScope, pair.Key, pair.Value)).ToList();
        var total = new Sums();
        foreach (var sums in _steps.Values) total.Add(sums);
        return (Summary(SmartleadStatisticsSummary.CampaignScope, null, total), steps);
    }

    private SmartleadStatisticsSummary Summary(string scope, int? sequenceNumber, Sums sums) =>
        new(_campaignId, scope, sequenceNumber, _query)
        {
            Rows = sums.Rows,
            Sent = sums.Sent,
            Opened = sums.Opened,
            Clicked = sums.Clicked,
            Replied = sums.Replied,
            Unsubscribed = sums.Unsubscribed,
            Bounced = sums.Bounced,
        };

    private void AddSend(SmartleadSendStats send)
    {
        var sums = Step(send.SequenceNumber);
        sums.Rows++;
        sums.Sent++;
        if (send.Opened) sums.Opened++;
        if (send.Clicked) sums.Clicked++;
        if (send.Bounced) sums.Bounced++;

        var lead = string.IsNullOrWhiteSpace(send.LeadEmail) ? "\0row " + _anonymousLeads++ : send.LeadEmail!.Trim();
        var seen = new Send(send.SequenceNumber, send.SentTime, send.ReplyTime);
        if (send.ReplyTime is { } replied)
        {
            // The first reply; among the rows carrying it, the latest send is what was answered.
            if (!_firstReplies.TryGetValue(lead, out var known) || replied < known.ReplyTime
                || (replied == known.ReplyTime && seen.IsLaterThan(known)))
            {
                _firstReplies[lead] = seen;
            }
        }
        if (send.Unsubscribed && (!_lastUnsubscribes.TryGetValue(lead, out var before) || seen.IsLaterThan(before)))
        {
            _lastUnsubscribes[lead] = seen;
        }
    }

    private Sums Step(int sequenceNumber)
    {
        if (!_steps.TryGetValue(sequenceNumber, out var sums)) _steps.Add(sequenceNumber, sums = new Sums());
        return sums;
    }

    private sealed class Sums
    {
        public int Rows;
        public int Sent;
        public int Opened;
        public int Clicked;
        public int Replied;
        public int Unsubscribed;
        public int Bounced;

        /// <summary>Checked: a sum past int.MaxValue is an error for its campaign, never a negative count.</summary>
        public void Add(Sums other)
        {
            checked
            {
                Rows += other.Rows;
                Sent += other.Sent;
                Opened += other.Opened;
                Clicked += other.Clicked;
                Replied += other.Replied;
                Unsubscribed += other.Unsubscribed;
                Bounced += other.Bounced;
            }
        }
    }

    /// <summary>What is kept of one send of a lead: its step and times.</summary>
    private readonly struct Send
    {
        public Send(int sequenceNumber, DateTime? sentTime, DateTime? replyTime)
        {
            SequenceNumber = sequenceNumber;
            SentTime = sentTime;
            ReplyTime = replyTime;
        }

        public int SequenceNumber { get; }
        public DateTime? SentTime { get; }
        public DateTime? ReplyTime { get; }

        /// <summary>Sent later; without send times (or at the same time), the later step.</summary>
        public bool IsLaterThan(Send other) =>
            SentTime is { } mine && other.SentTime is { } theirs && mine != theirs
                ? mine > theirs
                : SequenceNumber > other.SequenceNumber;
    }
}
