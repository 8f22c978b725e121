//! The occupation pack behind the offline estimate: imported from an O*NET release file or
//! downloaded through Database Services, then swapped in atomically.

use std::path::Path;

use time::OffsetDateTime;
use waypoint_onet::RowsQuery;
use waypoint_profiler::pack::REPORTED_TITLES_TABLE;
use waypoint_profiler::{
    from_database_rows, import_release_with_titles, titles_from_database_rows, Progress, Stage,
};

use crate::dto::{PackProgress, PackStage, PackStatus};
use crate::{rfc3339, Result, ServiceError, Services};

/// Database Services tables that hold what the matcher needs, and the stage each is.
pub const TABLES: [(&str, PackStage); 3] = [
    ("occupation_data", PackStage::DownloadOccupations),
    ("interests", PackStage::DownloadInterests),
    ("job_zones", PackStage::DownloadJobZones),
];

fn progress_dto(p: Progress) -> PackProgress {
    PackProgress {
        stage: match p.stage {
            Stage::Reading => PackStage::Reading,
            Stage::OccupationData => PackStage::Occupations,
            Stage::Interests => PackStage::Interests,
            Stage::JobZones => PackStage::JobZones,
            Stage::Building => PackStage::Building,
        },
        done: p.done.min(u64::from(u32::MAX)) as u32,
        total: p.total.min(u64::from(u32::MAX)) as u32,
    }
}

impl Services {
    pub fn pack_status(&self) -> Result<PackStatus> {
        Ok(match self.store.pack_info()? {
            Some(i) => PackStatus {
                installed: true,
                release: Some(i.release),
                source: Some(i.source),
                count: i.count,
                imported_at: Some(rfc3339(i.imported_at)),
            },
            None => PackStatus {
                installed: false,
                release: None,
                source: None,
                count: 0,
                imported_at: None,
            },
        })
    }

    /// Imports an O*NET database release (a .zip or a folder of its text files).
    /// A failed import leaves the previous pack in place.
    pub fn import_pack(
        &self,
        path: &Path,
        on_progress: &mut dyn FnMut(PackProgress),
    ) -> Result<PackStatus> {
        let (pack, titles) =
            import_release_with_titles(path, None, &mut |p| on_progress(progress_dto(p)))?;
        self.store
            .replace_pack_with_titles(&pack, &titles, OffsetDateTime::now_utc())?;
        self.drop_matcher();
        self.drop_search_index();
        self.pack_status()
    }

    /// Builds the pack from O*NET's Database Services with the person's key.
    pub async fn download_pack(
        &self,
        on_progress: &mut (dyn FnMut(PackProgress) + Send),
    ) -> Result<PackStatus> {
        let client = self.client().ok_or(ServiceError::NoKey)?;
        let about = client.about().await;
        self.observe(&about);
        let release = about?.database.name;
        let mut tables = Vec::new();
        for (i, (table, stage)) in TABLES.iter().enumerate() {
            on_progress(PackProgress {
                stage: *stage,
                done: i as u32,
                total: TABLES.len() as u32,
            });
            let r = client.table_rows_all(table, &RowsQuery::default()).await;
            self.observe(&r);
            tables.push(
                r?.into_iter()
                    .map(serde_json::Value::Object)
                    .collect::<Vec<_>>(),
            );
        }
        let pack = from_database_rows(&release, &tables[0], &tables[1], &tables[2], &mut |p| {
            on_progress(progress_dto(p))
        })?;
        // The reported titles ("also called", for search) when the service lists the table.
        let listed = client.database_tables().await;
        self.observe(&listed);
        let titles = if listed?.iter().any(|t| t.table_id == REPORTED_TITLES_TABLE) {
            let r = client
                .table_rows_all(REPORTED_TITLES_TABLE, &RowsQuery::default())
                .await;
            self.observe(&r);
            let rows: Vec<serde_json::Value> =
                r?.into_iter().map(serde_json::Value::Object).collect();
            titles_from_database_rows(&pack, &rows)
        } else {
            Vec::new()
        };
        self.store
            .replace_pack_with_titles(&pack, &titles, OffsetDateTime::now_utc())?;
        self.store.set_setting("onet.release", &release)?;
        self.drop_matcher();
        self.drop_search_index();
        self.pack_status()
    }
}
