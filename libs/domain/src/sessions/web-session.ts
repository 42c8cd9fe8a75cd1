/** A one-time sign-in link sent by email; only the hash of its token is stored. */
export interface SignInLink {
  id: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** A signed-in browser; the cookie holds a random token of which only the hash is stored. */
export interface WebSession {
  id: string;
  userId: string;
  tokenHash: string;
  /** The anti-forgery token every form of this session must carry. */
  csrfToken: string;
  expiresAt: Date;
  createdAt: Date;
}
