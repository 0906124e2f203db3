//! Marketing through the gateway: a sales manager plans a campaign and records its
//! spend; a rep records leads' responses and profiles a lead; the lead's score is
//! explained factor by factor and follows new rules; the campaign shows its cost per
//! lead and, once a lead's opportunity is won, its win rate. And the pipeline's stages
//! are configured by the manager alone, within the rules.

use constructos_domain::sales::opportunity_id;
use constructos_infra::Domain;
use serde_json::{json, Value};

use crate::harness::{eventually, spawn_domains, TestApp};
use crate::opportunities::{converted_lead, opportunity_in};

const SCORE: &str = "query($id: ID!) { leadScore(leadId: $id) { companyName score rulesVersion
    factors { factor value points explanation } } }";
const CAMPAIGN: &str = "query($id: ID!) { campaign(id: $id) { name channel leadCount siteVisits
    spent costPerLead opportunities won winRate status } }";

async fn score_becomes(app: &TestApp, token: &str, lead: &str, score: i64) -> Value {
    eventually(&format!("lead {lead} scored {score}"), || async {
        let r = app.graphql(token, SCORE, json!({ "id": lead })).await;
        let s = r.data()["leadScore"].clone();
        (s["score"] == score).then_some(s)
    })
    .await
}

#[tokio::test]
async fn campaigns_attribute_leads_and_scores_explain_themselves() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales]).await;
    let manager = app.token("mgr-lindiwe", &["Sales_Manager"]);
    let rep = app.token("rep-sipho", &["Sales_Rep"]);
    let other = app.token("rep-anele", &["Sales_Rep"]);

    let plan = json!({ "input": { "name": "Build Expo 2027", "channel": "TRADE_SHOW",
        "budget": "40000", "startsOn": "2027-02-10", "endsOn": "2027-02-12",
        "segment": { "sectors": ["INFRASTRUCTURE", "COMMERCIAL"], "provinces": ["GAUTENG"], "minCidbGrade": 5 } } });
    const PLAN: &str =
        "mutation($input: PlanCampaignInput!) { planCampaign(input: $input) { id } }";
    let r = app.graphql(&rep, PLAN, plan.clone()).await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    let r = app.graphql(&manager, PLAN, plan).await;
    let campaign = r.data()["planCampaign"]["id"]
        .as_str()
        .expect("campaign id")
        .to_string();
    app.graphql(
        &manager,
        "mutation($c: ID!) { recordCampaignSpend(campaignId: $c, amount: \"30000\", note: \"Stand and brochures\", on: \"2027-02-01\") { id } }",
        json!({ "c": campaign }),
    )
    .await
    .data();

    // Two leads respond at the expo; one books a site visit and is profiled.
    let (lead_a, _) = converted_lead(&app, &rep, "Mthembu Civils").await;
    let (lead_b, _) = converted_lead(&app, &rep, "Khumalo Retail").await;
    const RESPOND: &str = "mutation($c: ID!, $l: ID!, $k: CampaignResponseKind!) {
        recordCampaignResponse(campaignId: $c, leadId: $l, kind: $k, on: \"2027-02-11\") { id } }";
    for (lead, kind) in [
        (&lead_a, "RESPONDED"),
        (&lead_a, "SITE_VISIT_BOOKED"),
        (&lead_b, "RESPONDED"),
    ] {
        app.graphql(
            &rep,
            RESPOND,
            json!({ "c": campaign, "l": lead, "k": kind }),
        )
        .await
        .data();
    }
    app.graphql(
        &rep,
        "mutation($l: ID!) { profileLead(leadId: $l, sector: INFRASTRUCTURE, province: GAUTENG, cidbGrade: 7) { id } }",
        json!({ "l": lead_a }),
    )
    .await
    .data();
    let r = app
        .graphql(
            &rep,
            "mutation($l: ID!) { profileLead(leadId: $l, cidbGrade: 12) { id } }",
            json!({ "l": lead_b }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // 20 infrastructure + 15 Gauteng + 20 grade 7 + 10 for R2.75m + 2 responses × 5 + 25
    // for the site visit.
    let scored = score_becomes(&app, &rep, &lead_a, 100).await;
    assert_eq!(scored["companyName"], "Mthembu Civils");
    let factors: Vec<(String, i64)> = scored["factors"]
        .as_array()
        .expect("factors")
        .iter()
        .map(|f| {
            (
                f["factor"].as_str().unwrap_or_default().to_string(),
                f["points"].as_i64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        factors,
        [
            ("SECTOR", 20),
            ("PROVINCE", 15),
            ("CIDB_GRADE", 20),
            ("PROJECT_SIZE", 10),
            ("CAMPAIGN_RESPONSES", 10),
            ("SITE_VISIT", 25)
        ]
        .map(|(f, p)| (f.to_string(), p))
    );
    assert_eq!(
        scored["factors"][2]["explanation"],
        "CIDB grade 7 is in the band from grade 6: 20"
    );
    // Not another rep's lead to see.
    let r = app.graphql(&other, SCORE, json!({ "id": lead_a })).await;
    assert_eq!(r.data()["leadScore"], Value::Null);

    // Two leads for R30 000: R15 000 each; none closed yet.
    let seen = eventually("the campaign's two leads", || async {
        let r = app
            .graphql(&manager, CAMPAIGN, json!({ "id": campaign }))
            .await;
        let c = r.data()["campaign"].clone();
        (c["leadCount"] == 2).then_some(c)
    })
    .await;
    assert_eq!(seen["channel"], "TRADE_SHOW");
    assert_eq!(seen["siteVisits"], 1);
    assert_eq!(seen["costPerLead"], "15000.00");
    assert_eq!(seen["winRate"], Value::Null);

    // Lead A's opportunity is won: the campaign wins one of one closed.
    let opportunity = opportunity_id(&lead_a);
    opportunity_in(&app, &rep, &opportunity, "QUALIFICATION").await;
    app.graphql(
        &rep,
        "mutation($id: ID!) { winOpportunity(id: $id) { id } }",
        json!({ "id": opportunity }),
    )
    .await
    .data();
    let won = eventually("the campaign's win", || async {
        let r = app
            .graphql(&manager, CAMPAIGN, json!({ "id": campaign }))
            .await;
        let c = r.data()["campaign"].clone();
        (c["won"] == 1).then_some(c)
    })
    .await;
    assert_eq!(won["winRate"], "100");
    assert_eq!(won["opportunities"], 2);

    // New rules: a booked site visit is worth 40; every lead is scored again.
    let r = app
        .graphql(
            &manager,
            "{ leadScoringRules { version siteVisitBooked perResponse maxResponses
            sectors { sector points } provinces { province points } cidbGrades { fromGrade points }
            projectSizes { fromValue points } } }",
            json!({}),
        )
        .await;
    let mut rules = r.data()["leadScoringRules"].clone();
    assert_eq!(rules["version"], 0);
    rules["siteVisitBooked"] = json!(40);
    if let Some(o) = rules.as_object_mut() {
        o.remove("version");
    }
    const SET: &str =
        "mutation($input: LeadScoringRulesInput!) { setLeadScoringRules(input: $input) { id } }";
    let r = app.graphql(&rep, SET, json!({ "input": rules })).await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    app.graphql(&manager, SET, json!({ "input": rules }))
        .await
        .data();
    let rescored = score_becomes(&app, &rep, &lead_a, 115).await;
    assert_eq!(rescored["rulesVersion"], 1);
    let mut wrong = rules.clone();
    wrong["perResponse"] = json!(500);
    let r = app.graphql(&manager, SET, json!({ "input": wrong })).await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);
}

#[tokio::test]
async fn the_sales_manager_configures_the_pipeline_stages() {
    let app = spawn_domains(&[Domain::Identity, Domain::Sales]).await;
    let manager = app.token("mgr-lindiwe", &["Sales_Manager"]);
    let rep = app.token("rep-sipho", &["Sales_Rep"]);
    const CONFIGURE: &str = "mutation($s: OpportunityStage!, $l: String!, $p: Int!) {
        configurePipelineStage(stage: $s, label: $l, probability: $p) { stage } }";
    let r = app
        .graphql(
            &rep,
            CONFIGURE,
            json!({ "s": "TENDER", "l": "Priced", "p": 40 }),
        )
        .await;
    assert_eq!(r.error_code(), Some("FORBIDDEN"), "{}", r.body);
    let r = app
        .graphql(
            &manager,
            CONFIGURE,
            json!({ "s": "WON", "l": "Won", "p": 90 }),
        )
        .await;
    assert_eq!(r.error_code(), Some("BAD_USER_INPUT"), "{}", r.body);

    // An opportunity at TENDER is re-forecast when tender's probability changes; one
    // moved there afterwards takes it too.
    let (lead, _) = converted_lead(&app, &rep, "Zwane Properties").await;
    let id = opportunity_id(&lead);
    opportunity_in(&app, &rep, &id, "QUALIFICATION").await;
    app.graphql(
        &rep,
        "mutation($id: ID!) { moveOpportunityStage(id: $id, stage: TENDER) { id } }",
        json!({ "id": id }),
    )
    .await
    .data();
    assert_eq!(
        opportunity_in(&app, &rep, &id, "TENDER").await["probability"],
        50
    );
    app.graphql(
        &manager,
        CONFIGURE,
        json!({ "s": "TENDER", "l": "Tender priced", "p": 40 }),
    )
    .await
    .data();
    let stages = eventually("the configured stage", || async {
        let r = app
            .graphql(
                &rep,
                "{ pipelineStages { stage label probability open } }",
                json!({}),
            )
            .await;
        let stages = r.data()["pipelineStages"].clone();
        (stages[2]["probability"] == 40).then_some(stages)
    })
    .await;
    assert_eq!(
        stages[2],
        json!({ "stage": "TENDER", "label": "Tender priced", "probability": 40, "open": true })
    );
    assert_eq!(stages.as_array().map(Vec::len), Some(6));
    eventually("the opportunity re-forecast", || async {
        let o = opportunity_in(&app, &rep, &id, "TENDER").await;
        (o["probability"] == 40).then_some(())
    })
    .await;
}
