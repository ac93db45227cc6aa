# What the suite runs, as data (dot-sourced in BeforeDiscovery): a new cmdlet or output type is one
# more entry here, and every Describe that takes the list covers it.

# Every output type, as the cmdlet that writes it is called. Shape: which Smartlead campaigns
# answer with that row (the sandbox serves some in each documented shape). CampaignRow: one row
# per campaign, which carries the common vocabulary of every provider.
$OutputCases = @(
    @{ Name = 'Get-LemlistCampaignStats'; Cmdlet = 'Get-LemlistCampaignStats'; Provider = 'Lemlist'; Arguments = @{}; Type = 'OutreachStats.Model.LemlistCampaignStats'; CampaignRow = $true }
    @{ Name = 'Get-LemlistCampaignStats -PerStep'; Cmdlet = 'Get-LemlistCampaignStats'; Provider = 'Lemlist'; Arguments = @{ PerStep = $true }; Type = 'OutreachStats.Model.LemlistStepStats' }
    @{ Name = 'Get-LemlistBatchStats'; Cmdlet = 'Get-LemlistBatchStats'; Provider = 'Lemlist'; Arguments = @{}; Type = 'OutreachStats.Model.LemlistCampaignStats'; CampaignRow = $true }
    @{ Name = 'Get-SmartleadCampaignStatistics (per-step rows)'; Cmdlet = 'Get-SmartleadCampaignStatistics'; Provider = 'Smartlead'; Shape = 'aggregate'; Arguments = @{}; Type = 'OutreachStats.Model.SmartleadSequenceStats' }
    @{ Name = 'Get-SmartleadCampaignStatistics (per-send rows)'; Cmdlet = 'Get-SmartleadCampaignStatistics'; Provider = 'Smartlead'; Shape = 'perSend'; Arguments = @{ First = 15 }; Type = 'OutreachStats.Model.SmartleadSendStats' }
    @{ Name = 'Get-SmartleadCampaignStatistics -Summary'; Cmdlet = 'Get-SmartleadCampaignStatistics'; Provider = 'Smartlead'; Shape = 'aggregate'; Arguments = @{ Summary = $true }; Type = 'OutreachStats.Model.SmartleadStatisticsSummary'; CampaignRow = $true }
    @{ Name = 'Get-SmartleadCampaignStatistics -Summary -PerStep'; Cmdlet = 'Get-SmartleadCampaignStatistics'; Provider = 'Smartlead'; Shape = 'perSend'; Arguments = @{ Summary = $true; PerStep = $true }; Type = 'OutreachStats.Model.SmartleadStatisticsSummary' }
    @{ Name = 'Get-LeadlexCampaignStats'; Cmdlet = 'Get-LeadlexCampaignStats'; Provider = 'Leadlex'; Arguments = @{}; Type = 'OutreachStats.Model.LeadlexCampaignStats'; CampaignRow = $true }
    @{ Name = 'Get-LeadterraCampaignStats'; Cmdlet = 'Get-LeadterraCampaignStats'; Provider = 'Leadterra'; Arguments = @{}; Type = 'OutreachStats.Model.LeadterraCampaignStats'; CampaignRow = $true }
)

# Every provider cmdlet. Many: how many campaigns Select-Object -First 1 is given; Completions: a
# parameter with a fixed set of values, and the values tab completion offers for it. MaxRequests:
# the most requests that may reach the sandbox once the first object is out (what was in flight).
# Shape: Smartlead's campaigns of one page each, so that a count of requests is a count of campaigns.
$CmdletCases = @(
    @{ Cmdlet = 'Get-LemlistCampaignStats'; Provider = 'Lemlist'; NotFound = 'LemlistCampaignNotFound'; Many = 60; MaxRequests = 20; Completions = @{ Parameter = 'Channel'; Values = 'email', 'linkedin', 'others' } }
    @{ Cmdlet = 'Get-LemlistBatchStats'; Provider = 'Lemlist'; NotFound = 'LemlistCampaignNotFound'; Many = 2000; MaxRequests = 5; Completions = @{ Parameter = 'ABVersion'; Values = 'A', 'B' } }
    @{ Cmdlet = 'Get-SmartleadCampaignStatistics'; Provider = 'Smartlead'; Shape = 'aggregate'; NotFound = 'SmartleadCampaignNotFound'; Many = 30; MaxRequests = 5; Completions = @{ Parameter = 'EmailStatus'; Values = 'opened', 'clicked', 'replied', 'unsubscribed', 'bounced' } }
    @{ Cmdlet = 'Get-LeadlexCampaignStats'; Provider = 'Leadlex'; NotFound = 'LeadlexCampaignNotFound'; Many = 40; MaxRequests = 10; Completions = $null }
    @{ Cmdlet = 'Get-LeadterraCampaignStats'; Provider = 'Leadterra'; NotFound = 'LeadterraCampaignNotFound'; Many = 40; MaxRequests = 10; Completions = $null }
)

# Every command the module exports (help and completion of parameter names cover them all).
$CommandCases = @(
    'Connect-OutreachProvider', 'Disconnect-OutreachProvider', 'Get-OutreachConnection',
    'Get-LemlistCampaignStats', 'Get-LemlistBatchStats', 'Get-SmartleadCampaignStatistics',
    'Get-LeadlexCampaignStats', 'Get-LeadterraCampaignStats'
) | ForEach-Object { @{ Command = $_ } }
