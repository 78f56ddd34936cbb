-- The platform operator: a user of the installation itself, outside every customer account (no account, no order).
-- Account users always belong to an account; an organizer always holds a seat of an order.
ALTER TABLE users ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'organizer', 'operator'));
ALTER TABLE users ADD CONSTRAINT users_operator_outside_accounts CHECK ((role = 'operator') = (account_id IS NULL));
ALTER TABLE users ADD CONSTRAINT users_organizer_holds_seat CHECK (role <> 'organizer' OR order_id IS NOT NULL);
ALTER TABLE users ADD CONSTRAINT users_seat_only_for_organizers CHECK (role = 'organizer' OR order_id IS NULL);
