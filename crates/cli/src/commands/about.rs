use crate::{output, Ctx};
use waypoint_services::Result;

pub async fn run(ctx: &Ctx) -> Result<()> {
    let about = ctx.online.about().await?;
    if ctx.json {
        output::json(&about);
    } else {
        println!("API version: {}", about.api_version);
        println!("Database:    {}", about.database.name);
        println!("Taxonomy:    {}", about.taxonomy.name);
    }
    Ok(())
}
