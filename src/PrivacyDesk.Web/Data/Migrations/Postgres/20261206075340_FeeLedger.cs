using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeeLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CreditId",
                table: "FeePayments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportedCredits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdentityKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Format = table.Column<int>(type: "integer", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BookedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Sequence = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    AmountYen = table.Column<long>(type: "bigint", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<int>(type: "integer", nullable: true),
                    OverpaidYen = table.Column<long>(type: "bigint", nullable: false),
                    ManualReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ImportedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MatchedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportedCredits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FeePayments_CreditId",
                table: "FeePayments",
                column: "CreditId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedCredits_BookedOn",
                table: "ImportedCredits",
                column: "BookedOn");

            migrationBuilder.CreateIndex(
                name: "IX_ImportedCredits_IdentityKey",
                table: "ImportedCredits",
                column: "IdentityKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportedCredits_State_BookedOn",
                table: "ImportedCredits",
                columns: new[] { "State", "BookedOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_FeePayments_ImportedCredits_CreditId",
                table: "FeePayments",
                column: "CreditId",
                principalTable: "ImportedCredits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FeePayments_ImportedCredits_CreditId",
                table: "FeePayments");

            migrationBuilder.DropTable(
                name: "ImportedCredits");

            migrationBuilder.DropIndex(
                name: "IX_FeePayments_CreditId",
                table: "FeePayments");

            migrationBuilder.DropColumn(
                name: "CreditId",
                table: "FeePayments");
        }
    }
}
