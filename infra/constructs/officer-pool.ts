/**
 * What every officer function is given: the pool that proves who the caller is and the Officers
 * table that says what they may do (grant it with `DataStack.grantOfficerLookup`).
 */
export interface OfficerPoolEnvironment {
  USER_POOL_ID: string;
  USER_POOL_CLIENT_ID: string;
  OFFICERS_TABLE: string;
}
