//! The pipeline's stages as the company configures them: a label and a win probability
//! for each of the six stages (`sales.pipeline_stages`, one stream, [`PIPELINE_STAGES_ID`]).
//! The set of stages is fixed — it is the opportunity's life cycle, and won and lost are
//! final — but what each is called on the board and the probability the forecast weighs
//! it by are the sales manager's to set. Won is always 100% and lost 0%; an open stage
//! is from 1% to 99%. Until a stage is configured it has its default
//! ([`Stage::default_probability`], [`Stage::default_label`]).

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::{SalesError, Stage};
use crate::values::Name;

/// The aggregate type of the pipeline's stage settings.
pub const PIPELINE_STAGES_AGGREGATE: &str = "sales.pipeline_stages";

/// The one stream of the stage settings.
pub const PIPELINE_STAGES_ID: &str = "pipeline";

/// Set a stage's label and probability.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigureStage {
    pub stage: Stage,
    pub label: Name,
    /// Percent, as asked.
    pub probability: i32,
}

/// Events of the stage settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PipelineStagesEvent {
    /// From now on `stage` is shown as `label` and forecast at `probability` percent.
    PipelineStageConfigured {
        stage: Stage,
        label: String,
        probability: u8,
    },
}

impl DomainEvent for PipelineStagesEvent {
    fn event_type(&self) -> String {
        match self {
            PipelineStagesEvent::PipelineStageConfigured { .. } => "PipelineStageConfigured",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// One stage as configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSetting {
    pub stage: Stage,
    pub label: String,
    pub probability: u8,
}

/// The stages' settings: those configured, the rest at their defaults.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineStages {
    configured: Vec<StageSetting>,
}

impl PipelineStages {
    /// The setting of `stage`.
    pub fn setting(&self, stage: Stage) -> StageSetting {
        self.configured
            .iter()
            .find(|s| s.stage == stage)
            .cloned()
            .unwrap_or_else(|| StageSetting {
                stage,
                label: stage.default_label().to_string(),
                probability: stage.default_probability(),
            })
    }

    /// The probability, in percent, an opportunity at `stage` is forecast with.
    pub fn probability(&self, stage: Stage) -> u8 {
        self.setting(stage).probability
    }

    /// Every stage's setting, in pipeline order.
    pub fn all(&self) -> Vec<StageSetting> {
        Stage::ALL.into_iter().map(|s| self.setting(s)).collect()
    }

    /// Decides a configuration: nothing when it changes nothing.
    pub fn decide(&self, command: ConfigureStage) -> Result<Vec<PipelineStagesEvent>, SalesError> {
        let ConfigureStage {
            stage,
            label,
            probability,
        } = command;
        let allowed = match stage {
            Stage::Won => probability == 100,
            Stage::Lost => probability == 0,
            _ => (1..=99).contains(&probability),
        };
        let probability = match u8::try_from(probability) {
            Ok(p) if allowed => p,
            _ => return Err(SalesError::StageProbability { stage, probability }),
        };
        let label = label.into_string();
        if self.setting(stage)
            == (StageSetting {
                stage,
                label: label.clone(),
                probability,
            })
        {
            return Ok(Vec::new());
        }
        Ok(vec![PipelineStagesEvent::PipelineStageConfigured {
            stage,
            label,
            probability,
        }])
    }
}

impl Aggregate for PipelineStages {
    const TYPE: &'static str = PIPELINE_STAGES_AGGREGATE;
    type Command = ConfigureStage;
    type Event = PipelineStagesEvent;
    type Error = SalesError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let PipelineStagesEvent::PipelineStageConfigured {
            stage,
            label,
            probability,
        } = event;
        self.configured.retain(|s| s.stage != stage);
        self.configured.push(StageSetting {
            stage,
            label,
            probability,
        });
    }
}

impl crate::stored::Stored for PipelineStages {}

#[cfg(test)]
mod tests {
    use super::*;

    fn configure(stage: Stage, probability: i32) -> ConfigureStage {
        ConfigureStage {
            stage,
            label: Name::parse("label", "Priced").expect("a name"),
            probability,
        }
    }

    #[test]
    fn a_configured_stage_replaces_its_default_and_the_rest_keep_theirs() {
        let mut stages = PipelineStages::default();
        assert_eq!(stages.probability(Stage::Tender), 50);
        for event in stages
            .decide(configure(Stage::Tender, 40))
            .expect("allowed")
        {
            stages.apply(event);
        }
        assert_eq!(stages.probability(Stage::Tender), 40);
        assert_eq!(stages.setting(Stage::Tender).label, "Priced");
        assert_eq!(stages.probability(Stage::Negotiation), 75);
        assert_eq!(stages.all().len(), Stage::ALL.len());
        assert_eq!(stages.decide(configure(Stage::Tender, 40)), Ok(Vec::new()));
    }

    #[test]
    fn won_stays_certain_lost_stays_nought_and_open_stages_stay_between() {
        let stages = PipelineStages::default();
        for (stage, probability) in [
            (Stage::Won, 90),
            (Stage::Lost, 5),
            (Stage::Qualification, 0),
            (Stage::Negotiation, 100),
            (Stage::Tender, 300),
        ] {
            assert_eq!(
                stages.decide(configure(stage, probability)),
                Err(SalesError::StageProbability { stage, probability })
            );
        }
        assert!(stages.decide(configure(Stage::Won, 100)).is_ok());
    }
}
