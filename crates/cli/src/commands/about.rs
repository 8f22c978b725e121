use crate::{output, Ctx};
use waypoint_onet::Result;

pub async fn run(ctx: &Ctx) -> Result<()> {
    let about = ctx.client.about().await?;
    if ctx.json {
        output::json(&about);
    } else {
        println!("API version: {}", about.api_version);
        println!("Database:    {}", about.database.name);
        println!("Taxonomy:    {}", about.taxonomy.name);
    }
    Ok(())
}
